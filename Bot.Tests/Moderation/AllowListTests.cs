using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class AllowListTests
{
    private static readonly WordMatcher Matcher = WordMatcher.Build(
        [
            new WordEntry("口交", BannedCategory.Obscenity),
            new WordEntry("干", BannedCategory.Abuse),
            new WordEntry("女儿", BannedCategory.Obscenity),
        ],
        ["路口交通", "干活", "女儿"]);

    [TestCase("路口交通")]
    [TestCase("路口.交.通")]
    [TestCase("大家干活吧")]
    [TestCase("我女儿")]
    public void An_allowed_word_wins_over_the_banned_word_inside_it(string text) =>
        Assert.That(Matcher.FindAll(text), Is.Empty);

    [TestCase("口交", "口交")]
    [TestCase("路口交通，干", "干")]
    public void The_banned_word_still_hits_outside_the_allowed_word(string text, string expected)
    {
        var hits = Matcher.FindAll(text);

        Assert.That(hits.Select(h => text.Substring(h.Start, h.Length)), Is.EqualTo(new[] { expected }));
    }
}
