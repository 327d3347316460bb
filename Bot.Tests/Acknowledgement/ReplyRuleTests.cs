using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class ReplyRuleTests
{
    private static readonly ReplyRule Rule = new();
    private static readonly DateTimeOffset HalfPastEight = At(25, 8, 30);

    [TestCase("我已知晓，马上照办")]
    [TestCase("我已知晓,马上照办!")]
    [TestCase("收到，我已知晓，马上照办（坚决执行）！")]
    [TestCase("我已知晓 马上照办 坚决执行")]
    [TestCase("＠机器人 我已知晓，马上照办")]
    public void Reply_variant_records_an_on_time_reply(string reply)
    {
        var result = Rule.Evaluate(Text("zhangsan", reply, HalfPastEight), State(notices: [Notice()]), HalfPastEight);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordReply(1, "zhangsan", HalfPastEight, Late: false) }));
            Assert.That(result.Verdict.ToString(), Does.StartWith("acknowledgement: hit, 「我已知晓，马上照办」 from 张三 (the phrase").And.EndWith("covers 1 notice(s): #1"));
        });
    }

    [TestCase("1", true)]
    [TestCase("我已知晓，马上照办", true)]
    [TestCase("收到，我已知晓，马上照办！", true)]
    [TestCase("收到", false)]
    public void A_notice_asking_for_1_is_answered_by_1_or_by_the_schools_phrase(string reply, bool counts)
    {
        var notice = Notice(text: "请各班主任今天下班前上交安全责任书。收到请回复1", phrase: "1");
        var result = Rule.Evaluate(Text("zhangsan", reply, HalfPastEight), State(notices: [notice]), HalfPastEight);
        Assert.That(result.Effects.OfType<RecordReply>().Any(), Is.EqualTo(counts));
    }

    [TestCase("你们说的我已知晓马上照办是什么意思", "the phrase inside a request, a report or a question")]
    [TestCase("我已知晓，马上照办？", "asked as a question")]
    [TestCase("我不知晓", "not the phrase")]
    [TestCase("明天几点开会？", "a question")]
    public void Message_that_is_not_a_reply_records_nothing_and_says_nothing(string text, string why)
    {
        var result = Rule.Evaluate(Text("zhangsan", text, HalfPastEight), State(notices: [Notice()]), HalfPastEight);
        Assert.That((result.Effects, result.Verdict.Detail),
            Is.EqualTo((Array.Empty<Effect>(), $"张三 owes 1 notice(s) (「我已知晓，马上照办」); this message is not a reply ({why})")));
    }

    [TestCase("收到")]
    [TestCase("好的")]
    [TestCase("我已知晓")]
    [TestCase("👌")]
    [TestCase("[OK]")]
    [TestCase("已阅")]
    public void An_acknowledgement_that_is_not_the_phrase_is_not_counted_but_the_member_is_told_at_once_and_privately(string text)
    {
        var result = Rule.Evaluate(Text("zhangsan", text, HalfPastEight), State(notices: [Notice()]), HalfPastEight);

        var hint = result.Effects.Of<SendPrivate>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<RecordReply>(), Is.Empty, "the policy asks for the phrase");
            Assert.That(hint.To, Is.EqualTo(new[] { "zhangsan" }), "only the member, never the group");
            Assert.That(hint.Urgent, Is.True, "at once: the member is waiting for the reply to count");
            Assert.That(hint.Text, Does.Contain($"「{text}」还不能登记").And.Contain("「我已知晓，马上照办！」").And.Contain("@规则助手").And.Contain("回复截止：11月25日 10:00"));
            Assert.That(result.Effects.Of<RecordPhraseHint>().Single(), Is.EqualTo(new RecordPhraseHint(1, "zhangsan", HalfPastEight)));
        });
    }

    [Test]
    public void The_member_is_told_which_words_count_once_per_notice()
    {
        var hinted = Notice().Hinted("zhangsan", At(25, 8, 10));
        var result = Rule.Evaluate(Text("zhangsan", "收到收到", HalfPastEight), State(notices: [hinted]), HalfPastEight);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Detail, Does.EndWith("already told which words count"));
        });
    }

    [Test]
    public void A_group_can_switch_the_hints_off()
    {
        var result = Rule.Evaluate(Text("zhangsan", "收到", HalfPastEight), State(new GroupPolicy { PhraseHints = false }, notices: [Notice()]), HalfPastEight);
        Assert.That(result.Effects, Is.Empty);
    }

    [Test]
    public void Where_the_archive_shows_every_message_the_hint_does_not_ask_for_the_at()
    {
        var state = State(notices: [Notice()]);
        state = state with { Group = state.Group with { MentionRequired = false } };
        var hint = Rule.Evaluate(Text("zhangsan", "收到", HalfPastEight), state, HalfPastEight).Effects.Of<SendPrivate>().Single();
        Assert.That(hint.Text, Does.Not.Contain("@"));
    }

    [Test]
    public void One_reply_acknowledges_every_open_notice_posted_before_it()
    {
        var state = State(notices: [Notice(1, At(25, 8)), Notice(2, At(25, 8, 10), text: "下午三点交周计划。收到请回复：我已知晓，马上照办！"), Notice(3, At(25, 9))]);

        var result = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", HalfPastEight), state, HalfPastEight);

        Assert.That(result.Effects.Of<RecordReply>().Select(r => r.NoticeId), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public void Quoted_reply_acknowledges_only_the_quoted_notice()
    {
        var second = "下午三点交周计划。收到请回复：我已知晓，马上照办！";
        var state = State(notices: [Notice(1, At(25, 8)), Notice(2, At(25, 8, 10), text: second)]);
        var reply = Text("lisi", "我已知晓，马上照办", HalfPastEight) with { Quote = "王主任：" + second };

        var result = Rule.Evaluate(reply, state, HalfPastEight);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<RecordReply>().Select(r => r.NoticeId), Is.EqualTo(new long[] { 2 }));
            Assert.That(result.Verdict.Detail, Does.EndWith("#2 (quoted)"));
        });
    }

    [Test]
    public void Quote_of_something_other_than_a_notice_covers_all_of_them()
    {
        var state = State(notices: [Notice(1, At(25, 8)), Notice(2, At(25, 8, 10))]);
        var reply = Text("lisi", "我已知晓，马上照办", HalfPastEight) with { Quote = "张三：我已知晓，马上照办" };

        Assert.That(Rule.Evaluate(reply, state, HalfPastEight).Effects.Of<RecordReply>(), Has.Count.EqualTo(2));
    }

    [Test]
    public void Reply_after_the_deadline_is_recorded_late_with_the_deadline_as_evidence()
    {
        var late = At(25, 10, 1);
        var result = Rule.Evaluate(Text("wangwu", "我已知晓，马上照办", late), State(notices: [Notice()]), late);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<RecordReply>().Single().Late, Is.True);
            Assert.That(result.Verdict.Detail, Does.EndWith("late on #1 (deadline 2026-11-25 10:00)"));
        });
    }

    [Test]
    public void Reply_to_a_notice_asking_another_phrase_does_not_count()
    {
        var custom = Notice(2, text: "周五交教案。收到请回复：收到，周五前提交！", phrase: "收到，周五前提交");
        var state = State(notices: [Notice(1), custom]);

        var reply = Rule.Evaluate(Text("lisi", "收到，周五前提交！", HalfPastEight), state, HalfPastEight);
        var ack = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", HalfPastEight), state, HalfPastEight);

        Assert.That((reply.Effects.Of<RecordReply>().Single().NoticeId, ack.Effects.Of<RecordReply>().Single().NoticeId), Is.EqualTo((2L, 1L)));
    }

    [Test]
    public void Member_not_asked_records_nothing()
    {
        var result = Rule.Evaluate(Text("chen", "我已知晓，马上照办", HalfPastEight), State(notices: [Notice()]), HalfPastEight);
        Assert.That((result.Effects, result.Verdict.Outcome), Is.EqualTo((Array.Empty<Effect>(), Outcome.Pass)));
    }

    [Test]
    public void Last_reply_closes_the_notice()
    {
        var notice = Notice(asked: ["zhangsan", "lisi"]).Replied("zhangsan", At(25, 8, 5));
        var result = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", HalfPastEight), State(notices: [notice]), HalfPastEight);

        Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordReply(1, "lisi", HalfPastEight, false), new CloseNotice(1, HalfPastEight) }));
    }

    [Test]
    public void Explanation_after_the_reminder_closes_the_duty()
    {
        var at = At(26, 9);
        var notice = Notice().Reminded(At(25, 10), At(26, 23, 59, 59));
        var result = Rule.Evaluate(Text("zhaoliu", "情况说明：昨天外出培训，未能及时回复，我已知晓会议安排。", at), State(notices: [notice]), at);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordExplanation(1, "zhaoliu", at) }));
            Assert.That(result.Verdict.Detail, Is.EqualTo("explanation 「情况说明」 from 赵六 covers 1 reminded notice(s): #1"));
        });
    }

    [Test]
    public void Explanation_before_any_reminder_is_not_needed_and_records_nothing()
    {
        var result = Rule.Evaluate(Text("zhaoliu", "情况说明：我在外培训。", HalfPastEight), State(notices: [Notice()]), HalfPastEight);
        Assert.That((result.Effects, result.Verdict.Outcome), Is.EqualTo((Array.Empty<Effect>(), Outcome.Pass)));
    }

    [Test]
    public void Cancelled_notice_takes_no_more_replies()
    {
        var notice = Notice() with { Stage = Bot.Rules.State.NoticeStage.Cancelled };
        Assert.That(Rule.Evaluate(Text("zhangsan", "我已知晓，马上照办", HalfPastEight), State(notices: [notice]), HalfPastEight).Effects, Is.Empty);
    }

    [Test]
    public void Observed_rule_still_records_the_reply()
    {
        var policy = new GroupPolicy { Modes = new Dictionary<string, RuleMode> { ["acknowledgement"] = RuleMode.Observe } };
        var decision = new RulePipeline(AckRules.All).Evaluate(Text("zhangsan", "我已知晓，马上照办", HalfPastEight), State(policy, notices: [Notice()]), HalfPastEight);

        Assert.That(decision.Effects.Of<RecordReply>(), Has.Count.EqualTo(1));
    }
}
