using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Tests.Moderation.Rules;

public class FloodRuleTests
{
    private static readonly FloodRule Rule = new();
    private static readonly DateTimeOffset Now = Given.At("10:00:00");

    private static RuleResult Judge(string text, params RecentPost[] recent) =>
        Rule.Evaluate(Given.Post("zhangsan", text, Now), Given.State(recent: recent), Now);

    private static RecentPost Mine(string text, int secondsAgo) => Given.Recent("zhangsan", text, Now.AddSeconds(-secondsAgo));

    [Test]
    public void Flood_warns_in_the_group_at_the_third_same_text_within_the_window()
    {
        var result = Judge("快来投票", Mine("快来投票", 40), Mine("快来投票", 20));
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo("flood: hit, same text 3× within 1m"));
            var warning = result.Effects.OfType<PostToGroup>().Single();
            Assert.That(warning.Mentions, Is.EqualTo(new[] { "zhangsan" }));
            Assert.That(warning.Text, Does.Contain("不可恶意刷屏"));
            Assert.That(result.Effects.OfType<RecordViolation>().Single(), Is.EqualTo(new RecordViolation("flood", "flood", "same text 3× within 1m", Strike: false)));
        });
    }

    [Test]
    public void Flood_takes_width_case_and_spaces_as_the_same_text()
    {
        var result = Judge("  ＯＫ快来投票 ", Mine("ok快来投票", 40), Mine("Ok快来投票", 20));
        Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Hit));
    }

    [TestCase(1, Outcome.Pass, TestName = "Flood passes the same text twice")]
    [TestCase(2, Outcome.Hit, TestName = "Flood warns at the same text three times")]
    [TestCase(3, Outcome.Pass, TestName = "Flood does not warn again at the fourth time")]
    public void Flood_by_repeats(int earlier, Outcome outcome)
    {
        var recent = Enumerable.Range(1, earlier).Select(i => Mine("快来投票", i * 5)).ToArray();
        Assert.That(Judge("快来投票", recent).Verdict.Outcome, Is.EqualTo(outcome));
    }

    [Test]
    public void Flood_counts_only_the_same_members_posts_within_the_window()
    {
        var result = Judge(
            "收到",
            Given.Recent("lisi", "收到", Now.AddSeconds(-30)),
            Given.Recent("wangwu", "收到", Now.AddSeconds(-20)),
            Mine("收到", 90),
            Mine("收到", 120));
        Assert.That(result.Verdict.ToString(), Is.EqualTo("flood: pass, 1 post, same text 1× within 1m (limits 8 posts, 3×)"));
    }

    [TestCase(7, Outcome.Pass, TestName = "Flood passes 8 posts in a minute")]
    [TestCase(8, Outcome.Hit, TestName = "Flood warns at the 9th post in a minute")]
    [TestCase(9, Outcome.Pass, TestName = "Flood does not warn again at the 10th post")]
    public void Flood_by_count(int earlier, Outcome outcome)
    {
        var recent = Enumerable.Range(1, earlier).Select(i => Mine($"第{i}条", i * 5)).ToArray();
        var result = Judge("第十条", recent);
        Assert.That(result.Verdict.Outcome, Is.EqualTo(outcome));
        if (outcome == Outcome.Hit) Assert.That(result.Verdict.Detail, Is.EqualTo("9 posts within 1m, over 8"));
    }
}
