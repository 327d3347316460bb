using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>
/// Ordinary school posts that a tester saw struck in the sandbox (2026-11-29): a vice named to teach children to keep
/// away from it, a school's or the poster's own contact, a student number. Each of them once cost an innocent teacher a
/// public warning and a strike; the same words said as an offer still count.
/// </summary>
public class SchoolPostTests
{
    private static readonly ContentScanner Scanner = new(DefaultWordLists.BuildMatcher());

    [TestCase("【家长会通知】本周五下午三点在各班教室召开家长会，请各位家长准时参加。如有疑问请联系学校办公室，电话0898-62212345。此条信息不必回复！")]
    [TestCase("各班要开展禁赌教育，让学生认清赌博的本质。网络赌博害人害己，请班主任利用班会课进行教育。此条信息不必回复！")]
    [TestCase("法制教育素材：网络赌博的常见套路是先让你赢，再让你输。请各班组织学生学习。")]
    [TestCase("王主任，我的手机号是13807654321，演练有事请打电话。")]
    [TestCase("网络赌博害人害己，请班主任利用班会课进行教育。")]
    [TestCase("同学们，网络赌博害人害己，输光了家产还欠一身债，大家一定不能碰。")]
    [TestCase("家长反映学生在玩一款赌博性质的抽卡游戏，请班主任引导。")]
    [TestCase("我的邮箱是zhangmin@hnedu.cn，请把课件发给我。")]
    [TestCase("学籍号G460001200501011234请核对")]
    [TestCase("美术老师的电话是13957108342，作品展报名的事可以直接找他。")]
    [TestCase("家长们好，有疑问请咨询教务处，电话：0898-66123456")]
    [TestCase("高一招生咨询电话：0898-66123456，欢迎家长来电")]
    [TestCase("报名咨询电话：66123456")]
    [TestCase("如有疑问请咨询王老师，电话0898-66123456")]
    [TestCase("班主任李老师的手机：18767201938，请家长保存，有事随时联系。")]
    public void A_school_post_the_tester_saw_struck_passes(string text) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits.Select(h => $"{h.CategoryKey} 「{text.Substring(h.Start, h.Length)}」"), Is.Empty);

    [TestCase("各班要开展禁赌教育，让学生认清赌博的本质。", "认清")]
    [TestCase("法制教育素材：网络赌博的常见套路是先让你赢，再让你输。", "法制教育")]
    [TestCase("家长反映学生在玩一款赌博性质的抽卡游戏，请班主任引导。", "性质")]
    [TestCase("有家长说孩子在玩网络赌博游戏，请班主任引导。", "班主任引导")]
    [TestCase("网络赌博让人倾家荡产，请各班利用班会课进行教育。", "班会")]
    [TestCase("安全教育课上要讲清楚，网络色情内容会伤害孩子。", "安全教育")]
    public void A_vice_named_to_teach_children_is_excused_and_the_verdict_says_why(string text, string marker)
    {
        var judgement = ContentJudgement.Of(Scanner, text);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Hits, Is.Empty);
            Assert.That(judgement.Excused.Select(e => e.Marker), Does.Contain(marker));
        });
    }

    [TestCase("网络赌博稳赚不赔，想玩的私聊", "gambling")]
    [TestCase("导师一对一引导跟单，网络赌博一天翻倍", "gambling")]
    [TestCase("让你认清谁是大佬，网络赌博今晚开局", "gambling")]
    public void The_same_vice_offered_still_counts(string text, string category) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits.Select(h => h.CategoryKey), Does.Contain(category));

    [Test]
    public void The_posters_own_email_is_given_as_a_contact()
    {
        var judgement = ContentJudgement.Of(Scanner, "我的邮箱是zhangmin@hnedu.cn，请把课件发给我。");

        Assert.That(judgement.Excused.Select(e => (e.Hit.CategoryKey, e.Marker, e.Contact)), Does.Contain(("leak", "我的邮箱", true)));
    }

    [TestCase("李老师的邮箱是lihua@hnedu.cn，大家都发邮件骂她")]
    [TestCase("张主任的私人邮箱zhangzr@163.com，谁有事直接找他")]
    [TestCase("李老师的手机号是13812345678")]
    [TestCase("张主任的私人手机13812345678，有事直接找他")]
    [TestCase("体育老师的电话是18657203914，大家打爆他")]
    public void Someone_elses_private_number_or_email_is_still_a_leak(string text) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits.Select(h => h.CategoryKey), Does.Contain("leak"));

    [TestCase("学籍号G460001200501011234请核对")]
    [TestCase("学号：460001200501011234")]
    [TestCase("准考证号 460001200501011234，请考生核对")]
    public void A_student_number_is_no_bank_card(string text) =>
        Assert.That(PrivacyDetector.FindAll(text).Where(h => h.Kind == PrivacyKind.BankCard), Is.Empty);

    [TestCase("我的卡号460001200501011234，打钱吧")]
    [TestCase("460001200501011234 这是他的卡")]
    public void The_same_digits_as_a_card_are_still_a_bank_card(string text) =>
        Assert.That(PrivacyDetector.FindAll(text).Select(h => h.Kind), Does.Contain(PrivacyKind.BankCard));

    [TestCase("我表弟开了家奶茶店，欢迎大家去捧场，报我名字打八折", "advertising")]
    [TestCase("东北人都是骗子", "abuse")]
    [TestCase("外地人没一个好东西，都滚出去", "abuse")]
    public void A_post_the_tester_saw_missed_is_found(string text, string category) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits.Select(h => h.CategoryKey), Does.Contain(category));

    [TestCase("我表弟开了家奶茶店，就在学校对面，味道还不错")]
    [TestCase("谁说东北人都是骗子？我们班的东北家长都特别热心")]
    [TestCase("不能说河南人都是骗子，这是地域歧视")]
    [TestCase("我们班的东北人都是热心肠")]
    public void The_same_words_without_a_promotion_or_a_slander_pass(string text) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits, Is.Empty);
}
