using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class EvasionTests
{
    private static readonly WordMatcher Matcher = DefaultWordLists.BuildMatcher();

    [TestCase("周末去赌*博吗", "赌*博")]
    [TestCase("周末去赌 博吗", "赌 博")]
    [TestCase("周末去赌\u3000博吗", "赌\u3000博")]
    [TestCase("周末去赌￥博吗", "赌￥博")]
    [TestCase("周末去赌$博吗", "赌$博")]
    [TestCase("周末去赌.博吗", "赌.博")]
    [TestCase("周末去赌/博吗", "赌/博")]
    [TestCase("周末去赌、博吗", "赌、博")]
    [TestCase("周末去赌，博吗", "赌，博")]
    [TestCase("周末去赌＊博吗", "赌＊博")]
    [TestCase("周末去赌-博吗", "赌-博")]
    [TestCase("周末去赌_博吗", "赌_博")]
    [TestCase("周末去赌|博吗", "赌|博")]
    [TestCase("周末去赌~博吗", "赌~博")]
    [TestCase("周末去赌·博吗", "赌·博")]
    [TestCase("周末去赌\u200B博吗", "赌\u200B博")]
    [TestCase("周末去赌😂博吗", "赌😂博")]
    [TestCase("周末去赌 . 博吗", "赌 . 博")]
    [TestCase("周末去賭博吗", "賭博")]
    [TestCase("周末去赌赌博博吗", "赌赌博")]
    [TestCase("这人真是個廢物", "廢物")]
    [TestCase("你就是个ＳＢ", "ＳＢ")]
    public void Evaded_words_are_found_at_their_original_place(string text, string expected)
    {
        var hits = Matcher.FindAll(text);

        Assert.That(hits.Select(h => text.Substring(h.Start, h.Length)), Does.Contain(expected));
    }

    [TestCase("有事打①③⑧①②③④⑤⑥⑦⑧")]
    [TestCase("有事打１３８１２３４５６７８")]
    [TestCase("有事打138 1234 5678")]
    [TestCase("有事打138-1234-5678")]
    public void Disguised_phone_numbers_are_found(string text) =>
        Assert.That(PrivacyDetector.FindAll(text).Select(h => h.Kind), Is.EqualTo(new[] { PrivacyKind.Mobile }));

    [TestCase("usb接口坏了")]
    [TestCase("asbestos 石棉")]
    public void Latin_words_inside_longer_latin_words_are_not_hits(string text) =>
        Assert.That(Matcher.FindAll(text), Is.Empty);
}
