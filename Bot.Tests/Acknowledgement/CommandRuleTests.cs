using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class CommandRuleTests
{
    private static readonly CommandRule Rule = new();
    private static readonly DateTimeOffset Eleven = At(25, 11);

    private static readonly Bot.Rules.State.NoticeState Progressing = Notice()
        .Replied("zhangsan", At(25, 8, 5))
        .Replied("lisi", At(25, 10, 30));

    [TestCase("统计")]
    [TestCase("未回复")]
    [TestCase("统计！")]
    public void Issuer_asking_for_progress_gets_names_without_mentions(string command)
    {
        var result = Rule.Evaluate(Text("wang", command, Eleven), State(notices: [Progressing]), Eleven);

        var post = result.Effects.Of<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(post.Mentions, Is.Empty);
            Assert.That(post.Urgent, Is.False);
            Assert.That(post.Text, Is.EqualTo(
                "【回复统计】王主任于11月25日 08:00发布的通知「明天（11月26日）上午8:00在三楼会议室召开全体教师会议…」\n" +
                "应回复6人，已回复2人（其中逾期1人），未回复4人。回复截止：11月25日 10:00。\n" +
                "按时回复：张三\n逾期回复：李四\n尚未回复：王五、赵六、钱七、孙八"));
            Assert.That(result.Verdict.Detail, Does.EndWith("notice #1, 1 on time, 1 late, 0 explained, 4 pending of 6"));
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
    public void Help_lists_the_commands()
    {
        var text = Rule.Evaluate(Text("wang", "帮助", Eleven), State(notices: [Notice()]), Eleven).Effects.Of<PostToGroup>().Single().Text;
        Assert.That(text, Does.Contain("统计").And.Contain("未回复").And.Contain("撤销").And.Contain("帮助").And.Contain("2小时后提醒"));
    }

    [TestCase("统计")]
    [TestCase("撤销")]
    [TestCase("帮助")]
    public void Command_from_an_ordinary_member_passes(string command)
    {
        var result = Rule.Evaluate(Text("zhaoliu", command, Eleven), State(notices: [Notice()]), Eleven);
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(result.Verdict.Detail, Does.Contain("neither a notice's issuer, the owner nor an administrator"));
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
    [TestCase("我已知晓，马上照办")]
    public void Sentence_containing_a_command_word_is_not_a_command(string text) =>
        Assert.That(Rule.Evaluate(Text("wang", text, Eleven), State(notices: [Notice()]), Eleven).Verdict.Detail, Is.EqualTo("not a command"));

    [Test]
    public void Progress_without_a_live_notice_says_so() =>
        Assert.That(Rule.Evaluate(Text("chen", "统计", Eleven), State(), Eleven).Effects.Of<PostToGroup>().Single().Text,
            Is.EqualTo("当前没有需要回复的通知。"));
}
