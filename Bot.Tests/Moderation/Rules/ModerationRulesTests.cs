using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;

namespace Bot.Tests.Moderation.Rules;

public class ModerationRulesTests
{
    private static readonly FakeScanner Scanner = new(("百家乐", "gambling", "赌博"));

    [Test]
    public void Moderation_rules_run_in_their_listed_order()
    {
        var names = ModerationRules.Create(() => Scanner).Select(rule => rule.Name);
        Assert.That(names, Is.EqualTo(new[] { "roster", "banned-content", "quiet-hours", "flood", "private-chat", "length" }));
    }

    [Test]
    public void Moderation_rules_all_explain_a_clean_daytime_post()
    {
        var pipeline = new RulePipeline(ModerationRules.Create(() => Scanner));
        var at = Given.At("09:12");

        var decision = pipeline.Evaluate(Given.Post("zhangsan", "各位老师，下午的会议改到三楼。", at), Given.State(), at);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Effects, Is.Empty);
            Assert.That(decision.Verdicts.Select(v => v.ToString()), Is.EqualTo(new[]
            {
                "roster: pass, zhangsan on the roster as 张三",
                "banned-content: pass, 0 hits in 15 chars",
                "quiet-hours: pass, 09:12 outside 23:00–06:30, 12:40–14:20 Asia/Shanghai",
                "flood: pass, 1 post, same text 1× within 1m (limits 8 posts, 3×)",
                "private-chat: pass, addresses no one",
                "length: pass, 15/200 chars",
            }));
        });
    }

    [Test]
    public void Moderation_rules_judge_a_newcomers_late_banned_post_on_every_count()
    {
        var pipeline = new RulePipeline(ModerationRules.Create(() => Scanner));
        var at = Given.At("23:05");

        var decision = pipeline.Evaluate(Given.Post("zhaoliu", "今晚百家乐", at), Given.State(), at);

        Assert.That(decision.Verdicts.Where(v => v.Outcome == Outcome.Hit).Select(v => v.Rule), Is.EqualTo(new[] { "roster", "banned-content", "quiet-hours" }));
        Assert.That(decision.Effects[0], Is.EqualTo(new AddToRoster("zhaoliu", "赵六")));
    }
}
