using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class CommandRuleTests
{
    private static readonly CommandRule Rule = new();
    private static readonly DateTimeOffset Eleven = At(25, 11);

    // 张三 on time, 李四 late; 王五, 赵六 (刘主任's), 钱七 (no supervisor: the owner 陈老师), 孙八 (supervisor gone: the owner) pending.
    private static readonly NoticeState Progressing = Notice()
        .Replied("zhangsan", At(25, 8, 5))
        .Replied("lisi", At(25, 10, 30));

    [TestCase("统计")]
    [TestCase("统计！")]
    [TestCase("@规则助手 统计")]
    public void Progress_gives_counts_and_the_reply_rate_without_names(string command)
    {
        var result = Rule.Evaluate(Text("wang", command, Eleven), State(notices: [Progressing]), Eleven);

        var post = result.Effects.Of<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(post.Mentions, Is.Empty);
            Assert.That(post.AnswersMessage, Is.True);
            Assert.That(post.Text, Is.EqualTo(
                "【回复统计】#1 王主任于11月25日 08:00发布的通知「明天（11月26日）上午8:00在三楼会议室召开全体教师会议…」\n" +
                "应回复6人，已回复2人（33%）：按时1人，逾期1人；未回复4人。\n回复截止：11月25日 10:00。\n发送「@规则助手 未回复」查看名单。"));
            Assert.That(result.Verdict.Detail, Does.EndWith("notice #1 (Open), 1 on time, 1 late, 0 explained, 4 pending of 6"));
        });
    }

    [Test]
    public void Pending_lists_only_the_members_who_owe_a_reply_under_their_supervisors()
    {
        var text = Rule.Evaluate(Text("wang", "未回复", Eleven), State(notices: [Progressing]), Eleven).Effects.Of<PostToGroup>().Single().Text;
        Assert.That(text, Is.EqualTo(
            "【未回复名单】#1 王主任于11月25日 08:00发布的通知「明天（11月26日）上午8:00在三楼会议室召开全体教师会议…」\n" +
            "尚未回复4人：\n刘主任：王五、赵六\n陈老师：钱七、孙八"));
    }

    [Test]
    public void After_the_escalation_both_commands_still_report_the_notice_and_who_was_reported()
    {
        var escalated = Progressing.Reminded(At(25, 10), At(25, 12)) with
        {
            Stage = NoticeStage.Escalated,
            Duties = Progressing.Duties.Select(d => d.Replied ? d : d with { Escalated = true }).ToList(),
        };
        var state = State(notices: [escalated]);

        var counts = Rule.Evaluate(Text("wang", "统计", At(25, 13)), state, At(25, 13)).Effects.Of<PostToGroup>().Single().Text;
        var pending = Rule.Evaluate(Text("wang", "未回复", At(25, 13)), state, At(25, 13)).Effects.Of<PostToGroup>().Single().Text;
        Assert.Multiple(() =>
        {
            Assert.That(counts, Does.Contain("未回复4人").And.Contain("经提醒仍未回复的人员已报负责人"));
            Assert.That(pending, Does.Contain("王五（已报负责人）"));
        });
    }

    [Test]
    public void A_closed_notice_is_still_reported_from_its_history()
    {
        var closed = Notice().Replied("zhangsan", At(25, 8, 5)) with { Stage = NoticeStage.Closed };
        var state = State() with { PastNotices = [closed] };

        var text = Rule.Evaluate(Text("wang", "统计", Eleven), state, Eleven).Effects.Of<PostToGroup>().Single().Text;
        Assert.That(text, Does.StartWith("【回复统计】#1 ").And.Contain("本通知已结束统计"));
    }

    [Test]
    public void A_number_picks_the_notice()
    {
        var state = State(notices: [Notice(1), Notice(2, At(25, 9))]);
        var result = Rule.Evaluate(Text("wang", "统计 #1", Eleven), state, Eleven);
        var missing = Rule.Evaluate(Text("wang", "未回复#9", Eleven), state, Eleven).Effects.Of<PostToGroup>().Single().Text;
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<PostToGroup>().Single().Text, Does.StartWith("【回复统计】#1 "));
            Assert.That(missing, Is.EqualTo("本群没有编号为 #9 的通知。"));
        });
    }

    [TestCase("统计", "「统计」仅限通知发布人、群主和管理员使用（本群群主：陈老师）")]
    [TestCase("未回复", "「未回复」仅限通知发布人、群主和管理员使用")]
    [TestCase("撤销", "「撤销」仅限通知发布人、群主和管理员使用")]
    public void A_member_who_may_not_use_a_command_is_told_privately_who_may(string command, string expected)
    {
        var result = Rule.Evaluate(Text("zhaoliu", command, Eleven), State(notices: [Notice()]), Eleven);

        var answer = result.Effects.Of<SendPrivate>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<PostToGroup>(), Is.Empty, "nothing in the group");
            Assert.That(result.Effects.Of<CancelNotice>(), Is.Empty);
            Assert.That(answer.To, Is.EqualTo(new[] { "zhaoliu" }));
            Assert.That(answer.Urgent, Is.True, "an answer to a question just asked");
            Assert.That(answer.Text, Does.Contain(expected).And.Contain("帮助"));
        });
    }

    [TestCase("wang")]
    [TestCase("zhaoliu")]
    public void Help_answers_everyone(string sender)
    {
        var post = Rule.Evaluate(Text(sender, "帮助", Eleven), State(notices: [Notice()]), Eleven).Effects.Of<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(post.AnswersMessage, Is.True);
            Assert.That(post.Text, Does.Contain("统计").And.Contain("未回复").And.Contain("撤销").And.Contain("回复时限2小时（不计休息时间）")
                .And.Contain("「@规则助手 我已知晓，马上照办！」").And.Contain("一定要@我"));
        });
    }

    [Test]
    public void Issuer_cancelling_withdraws_the_latest_notice_and_confirms()
    {
        var result = Rule.Evaluate(Text("wang", "撤销", Eleven), State(notices: [Notice(1), Notice(2, At(25, 9))]), Eleven);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<CancelNotice>().Single(), Is.EqualTo(new CancelNotice(2, "wang", Eleven)));
            Assert.That(result.Effects.Of<PostToGroup>().Single().Text, Does.StartWith("已撤销通知「"));
        });
    }

    [Test]
    public void A_closed_notice_cannot_be_cancelled()
    {
        var state = State() with { PastNotices = [Notice() with { Stage = NoticeStage.Closed }] };
        var result = Rule.Evaluate(Text("wang", "撤销", Eleven), state, Eleven);
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<CancelNotice>(), Is.Empty);
            Assert.That(result.Effects.Of<PostToGroup>().Single().Text, Is.EqualTo("当前没有可撤销的通知。"));
        });
    }

    [TestCase("chen")]
    [TestCase("admin")]
    [TestCase("zhou")]
    public void Owner_admin_and_principal_may_cancel(string sender) =>
        Assert.That(Rule.Evaluate(Text(sender, "撤销", Eleven), State(notices: [Notice()]), Eleven).Effects.Of<CancelNotice>(), Has.Count.EqualTo(1));

    [Test]
    public void Issuer_means_their_own_latest_notice_even_after_a_colleague_posted()
    {
        var colleagues = Notice(2, At(25, 9), issuer: "chen");
        var result = Rule.Evaluate(Text("wang", "撤销", Eleven), State(notices: [Notice(1), colleagues]), Eleven);
        Assert.That(result.Effects.Of<CancelNotice>().Single().NoticeId, Is.EqualTo(1));
    }

    [TestCase("请大家统计一下明天的人数")]
    [TestCase("统计一下")]
    [TestCase("撤销 #1")]
    [TestCase("我已知晓，马上照办")]
    public void Sentence_containing_a_command_word_is_not_a_command(string text) =>
        Assert.That(Rule.Evaluate(Text("wang", text, Eleven), State(notices: [Notice()]), Eleven).Verdict.Detail, Is.EqualTo("not a command"));

    [Test]
    public void Progress_before_any_notice_says_so() =>
        Assert.That(Rule.Evaluate(Text("chen", "统计", Eleven), State(), Eleven).Effects.Of<PostToGroup>().Single().Text,
            Is.EqualTo("本群还没有需要回复的通知。"));
}
