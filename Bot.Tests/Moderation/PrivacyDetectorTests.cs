using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class PrivacyDetectorTests
{
    // 11010519491231002X is the sample number of GB 11643; 110105194912310021 is the same with a wrong check digit.
    [TestCase("我的身份证11010519491231002X请保密", "11010519491231002X")]
    [TestCase("身份证 110105 19491231 002x", "110105 19491231 002x")]
    [TestCase("身份证：４４０３０１１９９００３０７７７３９", "４４０３０１１９９００３０７７７３９")]
    public void A_resident_id_with_a_valid_check_digit_is_found(string text, string expected) =>
        AssertSingle(text, PrivacyKind.IdCard, expected);

    [TestCase("我的身份证110105194912310021")]
    [TestCase("订单号440301199003077731")]
    public void A_resident_id_with_a_wrong_check_digit_is_not(string text) =>
        Assert.That(PrivacyDetector.FindAll(text).Where(h => h.Kind == PrivacyKind.IdCard), Is.Empty);

    [TestCase("卡号6222021234567890128发我", "6222021234567890128")]
    [TestCase("卡号 4111 1111 1111 1111 ", "4111 1111 1111 1111")]
    [TestCase("卡号4111-1111-1111-1111", "4111-1111-1111-1111")]
    public void A_card_number_that_passes_luhn_is_found(string text, string expected) =>
        AssertSingle(text, PrivacyKind.BankCard, expected);

    [TestCase("卡号6222021234567890127")]
    [TestCase("卡号4111 1111 1111 1112")]
    public void A_card_number_that_fails_luhn_is_not(string text) =>
        Assert.That(PrivacyDetector.FindAll(text), Is.Empty);

    [TestCase("电话13812345678", "13812345678")]
    [TestCase("电话 138 1234 5678 找王老师", "138 1234 5678")]
    [TestCase("电话138-1234-5678", "138-1234-5678")]
    [TestCase("电话138.1234.5678", "138.1234.5678")]
    [TestCase("电话１３８１２３４５６７８", "１３８１２３４５６７８")]
    [TestCase("电话①③⑧①②③④⑤⑥⑦⑧", "①③⑧①②③④⑤⑥⑦⑧")]
    [TestCase("电话+86 138 1234 5678", "86 138 1234 5678")]
    [TestCase("电话1\u200B3\u200B8\u200B1\u200B2\u200B3\u200B4\u200B5\u200B6\u200B7\u200B8", "1\u200B3\u200B8\u200B1\u200B2\u200B3\u200B4\u200B5\u200B6\u200B7\u200B8")]
    public void A_mobile_number_is_found_in_the_forms_people_write_it(string text, string expected) =>
        AssertSingle(text, PrivacyKind.Mobile, expected);

    [TestCase("会议号 123 456 789")]
    [TestCase("电话12812345678")]
    [TestCase("2024-06-01 13:45 开会")]
    [TestCase("学号20240601123")]
    [TestCase("订单138123456789")]
    public void Other_numbers_are_not_mobile_numbers(string text) =>
        Assert.That(PrivacyDetector.FindAll(text), Is.Empty);

    [Test]
    public void Two_numbers_next_to_each_other_are_both_found()
    {
        const string text = "13812345678 13987654321";

        var found = PrivacyDetector.FindAll(text).Select(h => text.Substring(h.Start, h.Length));

        Assert.That(string.Join(" | ", found), Is.EqualTo("13812345678 | 13987654321"));
    }

    [TestCase("发到zhang.san@qq.com就行", "zhang.san@qq.com")]
    [TestCase("邮箱：ｗａｎｇ＠１６３．ｃｏｍ。", "ｗａｎｇ＠１６３．ｃｏｍ")]
    [TestCase("mail me: li-si+work@mail.school.edu.cn", "li-si+work@mail.school.edu.cn")]
    public void An_email_address_is_found(string text, string expected) =>
        AssertSingle(text, PrivacyKind.Email, expected);

    [TestCase("@张老师 收到")]
    [TestCase("a@b")]
    public void An_at_sign_alone_is_not_an_email_address(string text) =>
        Assert.That(PrivacyDetector.FindAll(text), Is.Empty);

    [Test]
    public void Privacy_hits_belong_to_the_leak_category() =>
        Assert.That(PrivacyHit.Category, Is.EqualTo(BannedCategory.Leak));

    private static void AssertSingle(string text, PrivacyKind kind, string expected)
    {
        var hit = PrivacyDetector.FindAll(text).Single();

        Assert.That((hit.Kind, text.Substring(hit.Start, hit.Length)), Is.EqualTo((kind, expected)));
    }
}
