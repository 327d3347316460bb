using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// Which notice a message answers, and a reply sent in two halves. A reply or 情况说明 to a new notice must never be
/// written onto an older one the member already answered or was already reported for.
/// </summary>
public class ReplyTargetTests
{
    private static readonly ReplyRule Rule = new();
    private static readonly DateTimeOffset Afternoon = At(25, 14, 11, 32);

    /// <summary>The explanation deadline passed and <paramref name="members"/> were reported to their supervisors.</summary>
    private static NoticeState Escalated(NoticeState notice, params string[] members) =>
        notice with { Stage = NoticeStage.Escalated, Duties = notice.Duties.Select(d => members.Contains(d.UserId) ? d with { Escalated = true } : d).ToList() };

    private static readonly NoticeState Old = Escalated(Notice(1, At(25, 8)).Reminded(At(25, 10), At(25, 12)), "lisi", "zhaoliu");
    private static readonly NoticeState New = Notice(4, At(25, 13), text: "下午四点交周计划。收到请回复：我已知晓，马上照办！");

    [Test]
    public void A_reply_to_a_new_notice_leaves_an_earlier_explanation_of_an_older_notice_as_it_was()
    {
        var old = Old.Explained("lisi", At(25, 14, 3, 50));
        var result = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", Afternoon), State(notices: [old, New]), Afternoon);

        Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordReply(4, "lisi", Afternoon, Late: false) }));
    }

    [Test]
    public void A_reply_to_a_new_notice_is_not_written_onto_an_older_notice_the_member_was_reported_for()
    {
        var result = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", Afternoon), State(notices: [Old, New]), Afternoon);
        Assert.That(result.Effects.Of<RecordReply>().Select(r => r.NoticeId), Is.EqualTo(new long[] { 4 }));
    }

    [Test]
    public void An_explanation_for_a_new_notice_is_not_written_onto_an_older_notice_the_member_was_reported_for()
    {
        var reminded = New.Reminded(At(25, 15), At(25, 17));
        var at = At(25, 15, 30);
        var result = Rule.Evaluate(Text("zhaoliu", "不好意思，下午一直在监考，刚看到", at), State(notices: [Old, reminded]), at);

        Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordExplanation(4, "zhaoliu", at) }));
    }

    [Test]
    public void A_late_reply_to_the_only_notice_still_counts_after_the_member_was_reported()
    {
        var result = Rule.Evaluate(Text("lisi", "我已知晓，马上照办", Afternoon), State(notices: [Old]), Afternoon);
        Assert.That(result.Effects.Of<RecordReply>(), Is.EqualTo(new[] { new RecordReply(1, "lisi", Afternoon, Late: true) }));
    }

    [Test]
    public void A_reply_quoting_the_older_notice_is_recorded_on_it()
    {
        var reply = Text("lisi", "我已知晓，马上照办", Afternoon) with { Quote = "王主任：" + NoticeText };
        var result = Rule.Evaluate(reply, State(notices: [Old, New]), Afternoon);
        Assert.That(result.Effects.Of<RecordReply>().Select(r => r.NoticeId), Is.EqualTo(new long[] { 1 }));
    }

    private static GroupState WithPosts(GroupState state, params RecentPost[] posts) => state with { RecentPosts = posts };

    [Test]
    public void A_reply_sent_in_two_halves_counts()
    {
        var first = At(25, 8, 30);
        var second = first.AddSeconds(8);
        var state = WithPosts(State(notices: [Notice()]), new RecentPost("wangwu", "我已知晓，", [], first));

        var result = Rule.Evaluate(Text("wangwu", "马上照办", second), state, second);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordReply(1, "wangwu", second, Late: false) }));
            Assert.That(result.Verdict.Detail, Does.Contain("with the previous message 「我已知晓，」"));
            Assert.That(Answers.Of(Text("wangwu", "马上照办", second), state, second)?.ToString(), Is.EqualTo("a reply to notice #1"));
        });
    }

    [Test]
    public void Halves_too_far_apart_or_from_someone_else_or_from_before_the_notice_do_not_join()
    {
        var second = At(25, 8, 30);
        var notice = Notice(postedAt: At(25, 8, 29));
        RecordReply[] Replies(RecentPost previous) =>
            [.. Rule.Evaluate(Text("wangwu", "马上照办", second), WithPosts(State(notices: [notice]), previous), second).Effects.Of<RecordReply>()];

        Assert.Multiple(() =>
        {
            Assert.That(Replies(new RecentPost("wangwu", "我已知晓，", [], second.AddMinutes(-3))), Is.Empty, "three minutes apart");
            Assert.That(Replies(new RecentPost("lisi", "我已知晓，", [], second.AddSeconds(-5))), Is.Empty, "another member's half");
            Assert.That(Replies(new RecentPost("wangwu", "我已知晓，", [], At(25, 8, 28, 50))), Is.Empty, "before the notice");
        });
    }

    [Test]
    public void Only_the_latest_post_of_the_member_joins()
    {
        var second = At(25, 8, 30);
        var state = WithPosts(State(notices: [Notice()]),
            new RecentPost("wangwu", "我已知晓，", [], second.AddSeconds(-30)), new RecentPost("wangwu", "稍等", [], second.AddSeconds(-10)));

        Assert.That(Rule.Evaluate(Text("wangwu", "马上照办", second), state, second).Effects.Of<RecordReply>(), Is.Empty);
    }
}
