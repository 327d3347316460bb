using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class PositionTests
{
    private static readonly WordMatcher Matcher = WordMatcher.Build(
        [new WordEntry("赌博", BannedCategory.Gambling), new WordEntry("加微信", BannedCategory.Advertising)],
        ["路口交通"]);

    [TestCase("老王说：赌 * 博 不好", 4, 5)]
    [TestCase("赌博", 0, 2)]
    [TestCase("😀赌😀博😀", 2, 4)]
    [TestCase("ab加 微 信cd", 2, 5)]
    public void Hits_report_start_and_length_in_the_original_text(string text, int start, int length)
    {
        var hit = Matcher.FindAll(text).Single();

        Assert.That((hit.Start, hit.Length), Is.EqualTo((start, length)));
    }

    [Test]
    public void Every_hit_names_its_entry_as_evidence()
    {
        var hit = Matcher.FindAll("去賭.博").Single();

        Assert.Multiple(() =>
        {
            Assert.That(Matcher.PatternOf(hit), Is.EqualTo("赌博"));
            Assert.That(Matcher.Entry(hit.EntryIndex).Category, Is.EqualTo(BannedCategory.Gambling));
            Assert.That(hit.Category, Is.EqualTo(BannedCategory.Gambling));
        });
    }

    [Test]
    public void Several_hits_in_one_message_come_in_the_order_they_end()
    {
        const string text = "加微信，一起赌博，加.微.信";

        var found = Matcher.FindAll(text).Select(h => text.Substring(h.Start, h.Length));

        Assert.That(string.Join(" | ", found), Is.EqualTo("加微信 | 赌博 | 加.微.信"));
    }

    [TestCase("赌" + "          " + "博", ExpectedResult = 0, Description = "a long run of separators ends a word")]
    [TestCase("赌，博", ExpectedResult = 1)]
    [TestCase("赌x博", ExpectedResult = 0, Description = "a letter that is in no word breaks it")]
    public int Separators_are_skipped_only_in_short_runs(string text) => Matcher.FindAll(text).Count;
}
