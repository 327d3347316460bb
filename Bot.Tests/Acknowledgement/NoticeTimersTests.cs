using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class NoticeTimersTests
{
    private static readonly DateTimeOffset Ten = At(25, 10);

    [Test]
    public void Reminder_mentions_exactly_the_non_responders_in_roster_order()
    {
        var notice = Notice(asked: ["sunba", "lisi", "zhangsan", "wangwu", "zhaoliu", "qianqi"])
            .Replied("zhangsan", At(25, 8, 5)).Replied("qianqi", At(25, 9));

        var decision = NoticeTimers.OnReplyDeadline(notice, State(), Ten);

        var post = decision.Effects.Of<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(post.Mentions, Is.EqualTo(new[] { "lisi", "wangwu", "zhaoliu", "sunba" }));
            Assert.That(post.ChatId, Is.EqualTo(Chat));
            Assert.That(post.Urgent, Is.False);
            Assert.That(post.Text, Is.EqualTo(
                "【未回复提醒】王主任于11月25日 08:00发布的通知「明天（11月26日）上午8:00在三楼会议室召开全体教师会议…」已过回复时间，以下4位老师尚未回复。" +
                "请见到后立即回复；如确有原因未能回复，请于11月26日 23:59前在群里作情况说明。\n回复时请 @规则助手：我已知晓，马上照办！"));
            Assert.That(decision.Effects.Of<MarkReminded>().Single(), Is.EqualTo(new MarkReminded(1, Ten, At(26, 23, 59, 59))));
            Assert.That(decision.Verdicts.Single().ToString(), Is.EqualTo(
                "notice: hit, reply deadline of notice #1: 4 of 6 did not reply (李四, 王五, 赵六, 孙八); explanation due 2026-11-26 23:59 Asia/Shanghai"));
        });
    }

    [Test]
    public void Reminder_is_not_sent_when_everyone_replied_and_the_notice_closes()
    {
        var notice = Notice(asked: ["zhangsan", "lisi"]).Replied("zhangsan", At(25, 8, 5)).Replied("lisi", At(25, 9));
        Assert.That(NoticeTimers.OnReplyDeadline(notice, State(), Ten).Effects, Is.EqualTo(new Effect[] { new CloseNotice(1, Ten) }));
    }

    [TestCase(NoticeStage.Cancelled)]
    [TestCase(NoticeStage.Closed)]
    [TestCase(NoticeStage.Reminded)]
    public void Reply_deadline_of_a_notice_not_open_does_nothing(NoticeStage stage)
    {
        var decision = NoticeTimers.OnReplyDeadline(Notice() with { Stage = stage }, State(), Ten);
        Assert.That((decision.Effects, decision.Verdicts.Single().Outcome), Is.EqualTo((Array.Empty<Effect>(), Outcome.Pass)));
    }

    // The group's clock decides "the next day", whatever the machine's TZ: 23:30 and 00:10 Shanghai are different
    // Shanghai days but the same UTC day, and a clock west of UTC would see yet another date.
    [TestCase("2026-11-25T23:30:00+08:00", "2026-11-26T23:59:59+08:00")]
    [TestCase("2026-11-26T00:10:00+08:00", "2026-11-27T23:59:59+08:00")]
    [TestCase("2026-11-25T15:30:00+00:00", "2026-11-26T23:59:59+08:00")]
    [TestCase("2026-12-31T09:00:00+08:00", "2027-01-01T23:59:59+08:00")]
    public void Explanation_deadline_is_the_end_of_the_next_day_in_Shanghai(string remindedAt, string expected)
    {
        var deadline = NoticeTimers.ExplanationDeadline(new GroupPolicy(), DateTimeOffset.Parse(remindedAt, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(deadline, Is.EqualTo(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Notice_at_23_30_Shanghai_reminded_at_23_35_must_be_explained_by_the_next_day_23_59_59_Shanghai()
    {
        var posted = At(25, 23, 30);
        var state = State(new GroupPolicy { ReplyWindow = TimeSpan.FromMinutes(5) });
        var notice = Notice(postedAt: posted) with { ReplyDeadline = posted.AddMinutes(5) };

        var reminded = NoticeTimers.OnReplyDeadline(notice, state, notice.ReplyDeadline).Effects.Of<MarkReminded>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(reminded.ExplanationDeadline, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 15, 59, 59, TimeSpan.Zero)));
            Assert.That(reminded.ExplanationDeadline.UtcDateTime, Is.EqualTo(new DateTime(2026, 11, 26, 15, 59, 59, DateTimeKind.Utc)));
        });
    }

    [Test]
    public void Explanation_window_from_the_policy_runs_from_the_reminder()
    {
        var policy = new GroupPolicy { ExplanationWindow = TimeSpan.FromSeconds(30) };
        Assert.That(NoticeTimers.ExplanationDeadline(policy, Ten), Is.EqualTo(Ten.AddSeconds(30)));
    }

    [Test]
    public void Escalation_sends_one_private_message_per_supervisor_and_tells_the_group_without_mentions()
    {
        var notice = Notice()
            .Replied("zhangsan", At(25, 8, 5))
            .Reminded(Ten, At(26, 23, 59, 59))
            .Explained("lisi", At(26, 9));
        var now = At(26, 23, 59, 59);

        var decision = NoticeTimers.OnExplanationDeadline(notice, State(), now);

        var privates = decision.Effects.Of<SendPrivate>();
        Assert.Multiple(() =>
        {
            Assert.That(privates.Select(p => p.To), Is.EqualTo(new[] { new[] { "liu" }, new[] { "chen" } }));
            Assert.That(privates[0].Text, Is.EqualTo(
                "刘主任您好：\n王主任于11月25日 08:00在工作群「七年级教师工作群」发布通知「明天（11月26日）上午8:00在三楼会议室召开全体教师会议…」，要求回复「我已知晓，马上照办！」。" +
                "11月25日 10:00已在群里点名提醒，但以下2位老师至今未回复，也未在11月26日 23:59前在群里作情况说明：\n1. 王五（数学组）\n2. 赵六（数学组）\n请您及时了解情况并督促落实。谢谢！"));
            Assert.That(privates[1].Text, Does.Contain("陈老师您好").And.Contain("\n1. 钱七（体育组）\n2. 孙八\n"));
            var announcement = decision.Effects.Of<PostToGroup>().Single();
            Assert.That(announcement.Mentions, Is.Empty);
            Assert.That(announcement.Text, Does.Contain("王五、赵六、钱七、孙八").And.Contain("已报各部门负责人"));
            Assert.That(decision.Effects.Of<MarkEscalated>().Single().Members, Is.EqualTo(new[] { "wangwu", "zhaoliu", "qianqi", "sunba" }));
            Assert.That(decision.Verdicts.Single().Detail, Is.EqualTo(
                "explanation deadline of notice #1: 4 escalated to 2 supervisor(s): 刘主任 ← 王五, 赵六; 陈老师 ← 钱七, 孙八"));
        });
    }

    [TestCase("wangwu", "liu")]
    [TestCase("qianqi", "chen")]
    [TestCase("sunba", "chen")]
    [TestCase("visitor", "chen")]
    [TestCase("wang", "zhou")]
    public void Escalation_goes_to_the_supervisor_or_else_the_owner(string member, string recipient)
    {
        var notice = Notice(asked: [member]).Reminded(Ten, At(26, 23, 59, 59));
        var decision = NoticeTimers.OnExplanationDeadline(notice, State(), At(27, 0));
        Assert.That(decision.Effects.Of<SendPrivate>().Single().To, Is.EqualTo(new[] { recipient }));
    }

    [Test]
    public void Escalation_without_announcement_posts_nothing_in_the_group()
    {
        var notice = Notice(asked: ["wangwu"]).Reminded(Ten, At(26, 23, 59, 59));
        var decision = NoticeTimers.OnExplanationDeadline(notice, State(new GroupPolicy { AnnounceEscalations = false }), At(27, 0));
        Assert.That((decision.Effects.Of<PostToGroup>().Count, decision.Effects.Of<SendPrivate>().Count), Is.EqualTo((0, 1)));
    }

    [Test]
    public void Explanation_deadline_with_nobody_remaining_closes_the_notice()
    {
        var notice = Notice(asked: ["zhangsan", "lisi"]).Reminded(Ten, At(26, 23, 59, 59))
            .Replied("zhangsan", At(25, 11)).Explained("lisi", At(26, 8));
        Assert.That(NoticeTimers.OnExplanationDeadline(notice, State(), At(27, 0)).Effects, Is.EqualTo(new Effect[] { new CloseNotice(1, At(27, 0)) }));
    }

    [Test]
    public void Observed_notice_rule_marks_the_reminder_but_says_nothing()
    {
        var policy = new GroupPolicy { Modes = new Dictionary<string, RuleMode> { ["notice"] = RuleMode.Observe } };
        var decision = NoticeTimers.OnReplyDeadline(Notice(), State(policy), Ten);
        Assert.That(decision.Effects.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(MarkReminded) }));
    }

    [Test]
    public void Notice_to_a_2000_member_group_is_reminded_in_one_post_mentioning_each_non_responder_once()
    {
        var members = Enumerable.Range(1, 2000).Select(i => $"t{i:D4}").ToList();
        var state = State(roster: ["wang", .. members]);
        var open = new NoticeRule().Evaluate(Text("wang", NoticeText), state, Morning).Effects.Of<OpenNotice>().Single();
        var notice = Notice(asked: open.Asked);

        var post = NoticeTimers.OnReplyDeadline(notice, state, Ten).Effects.Of<PostToGroup>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(open.Asked, Has.Count.EqualTo(2000));
            Assert.That(post.Mentions, Is.EqualTo(members));
            Assert.That(post.Text, Does.StartWith("【未回复提醒】").And.Contain("以下2000位老师"));
        });
    }
}
