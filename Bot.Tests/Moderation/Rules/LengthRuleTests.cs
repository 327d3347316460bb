using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;

namespace Bot.Tests.Moderation.Rules;

public class LengthRuleTests
{
    private static readonly LengthRule Rule = new();
    private static readonly DateTimeOffset At = Given.At("10:00");

    private static RuleResult Judge(string text, GroupPolicy? policy = null) =>
        Rule.Evaluate(Given.Post("zhangsan", text, At), Given.State(policy), At);

    [TestCase(201, "", "length: hit, 201/200 chars, no link")]
    [TestCase(350, "", "length: hit, 350/200 chars, no link")]
    [TestCase(200, "", "length: pass, 200/200 chars")]
    [TestCase(12, "", "length: pass, 12/200 chars")]
    [TestCase(300, " 详见 https://doc.example.cn/x", "length: pass, 328/200 chars, shared with a link")]
    [TestCase(300, " 详见HTTP://doc.example.cn/x", "length: pass, 326/200 chars, shared with a link")]
    [TestCase(300, " 详见 http://", "length: hit, 311/200 chars, no link")]
    public void Length_nudges_a_long_post_without_a_link(int characters, string tail, string verdict)
    {
        var result = Judge(new string('字', characters) + tail);
        Assert.That(result.Verdict.ToString(), Is.EqualTo(verdict));
    }

    [Test]
    public void Length_nudges_the_poster_privately_toward_a_link_and_records_no_strike()
    {
        var result = Judge(new string('字', 201));
        Assert.Multiple(() =>
        {
            var nudge = result.Effects.OfType<SendPrivate>().Single();
            Assert.That(nudge.To, Is.EqualTo(new[] { "zhangsan" }));
            Assert.That(nudge.Text, Does.Contain("内容请在200字内，超过则使用链接分享").And.Contain("201字"));
            Assert.That(result.Effects.OfType<PostToGroup>(), Is.Empty);
            Assert.That(result.Effects.OfType<RecordViolation>().Single(), Is.EqualTo(new RecordViolation("length", "length", "201/200 chars, no link", Strike: false)));
        });
    }

    [Test]
    public void Length_counts_an_emoji_as_one_character()
    {
        var result = Judge(string.Concat(Enumerable.Repeat("👍", 200)));
        Assert.That(result.Verdict.ToString(), Is.EqualTo("length: pass, 200/200 chars"));
    }

    [Test]
    public void Length_follows_the_groups_limit_and_cites_it()
    {
        var result = Judge(new string('字', 101), new GroupPolicy { MaxLength = 100 });
        Assert.That(result.Effects.OfType<SendPrivate>().Single().Text, Does.Contain("内容请在100字内"));
    }
}
