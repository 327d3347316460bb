using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Tests.Moderation.Rules;

public class PrivateChatRuleTests
{
    private static readonly PrivateChatRule Rule = new();
    private static readonly DateTimeOffset Now = Given.At("10:00");

    /// <summary>An exchange of <paramref name="turns"/> posts, alternating, the last one by 李四 to 张三, one a minute.</summary>
    private static List<RecentPost> Exchange(int turns) =>
        [.. Enumerable.Range(0, turns).Select(i =>
        {
            var fromLisi = (turns - i) % 2 == 1;
            return fromLisi
                ? Given.Recent("lisi", "好的", Now.AddMinutes(i - turns), "张三")
                : Given.Recent("zhangsan", "那下午呢", Now.AddMinutes(i - turns), "李四");
        })];

    private static RuleResult Judge(IReadOnlyList<RecentPost> recent, string mention = "李四") =>
        Rule.Evaluate(Given.Post("zhangsan", "下午三点可以吗", Now, mentions: [mention]), Given.State(recent: recent), Now);

    [TestCase(4, Outcome.Pass, TestName = "PrivateChat passes 5 turns")]
    [TestCase(5, Outcome.Hit, TestName = "PrivateChat nudges at exactly 6 turns")]
    [TestCase(6, Outcome.Pass, TestName = "PrivateChat does not nudge again at 7 turns")]
    public void PrivateChat_at_exactly_K_turns(int earlier, Outcome outcome) =>
        Assert.That(Judge(Exchange(earlier)).Verdict.Outcome, Is.EqualTo(outcome));

    [Test]
    public void PrivateChat_nudges_both_members_privately_and_records_no_strike()
    {
        var result = Judge(Exchange(5));
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo("private-chat: hit, zhangsan↔lisi 6 turns within 10m"));
            var nudge = result.Effects.OfType<SendPrivate>().Single();
            Assert.That(nudge.To, Is.EqualTo(new[] { "zhangsan", "lisi" }));
            Assert.That(nudge.Text, Does.Contain("不进行私人聊天").And.Contain("请私聊"));
            Assert.That(result.Effects.OfType<PostToGroup>(), Is.Empty);
            Assert.That(result.Effects.OfType<RecordViolation>().Single().Strike, Is.False);
        });
    }

    [Test]
    public void PrivateChat_counts_two_posts_in_a_row_by_one_member_as_one_turn()
    {
        var recent = Exchange(5);
        recent.Add(Given.Recent("zhangsan", "还有", Now.AddSeconds(-10), "李四"));
        var result = Judge(recent);
        Assert.That(result.Verdict.ToString(), Is.EqualTo("private-chat: pass, zhangsan↔lisi 6 turns within 10m, limit 6"));
    }

    [Test]
    public void PrivateChat_is_not_broken_by_other_members_posts()
    {
        var recent = Exchange(5);
        recent.Add(Given.Recent("wangwu", "收到", Now.AddSeconds(-30)));
        recent.Add(Given.Recent("wangwu", "@张三 材料交了吗", Now.AddSeconds(-20), "张三"));
        Assert.That(Judge(recent).Verdict.Outcome, Is.EqualTo(Outcome.Hit));
    }

    [Test]
    public void PrivateChat_forgets_turns_older_than_the_window()
    {
        var recent = Exchange(5).Select(post => post with { At = post.At.AddMinutes(-6) }).ToList();
        Assert.That(Judge(recent).Verdict.Outcome, Is.EqualTo(Outcome.Pass));
    }

    [Test]
    public void PrivateChat_takes_a_mention_by_user_id_or_by_name()
    {
        Assert.That(Judge(Exchange(5), mention: "lisi").Verdict.Outcome, Is.EqualTo(Outcome.Hit));
    }

    [Test]
    public void PrivateChat_passes_a_post_addressing_no_one()
    {
        var result = Rule.Evaluate(Given.Post("zhangsan", "大家好", Now), Given.State(recent: Exchange(5)), Now);
        Assert.That(result.Verdict.ToString(), Is.EqualTo("private-chat: pass, addresses no one"));
    }
}
