using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class NoticeRuleTests
{
    private static readonly NoticeRule Rule = new();

    [Test]
    public void Notice_opens_for_the_roster_minus_the_issuer_with_the_phrase_and_deadline()
    {
        var result = Rule.Evaluate(Text("wang", NoticeText), State(), Morning);

        var open = result.Effects.Of<OpenNotice>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(open.IssuerId, Is.EqualTo("wang"));
            Assert.That(open.Asked, Is.EqualTo(new[] { "chen", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi", "sunba" }));
            Assert.That(open.Phrase, Is.EqualTo(Phrase));
            Assert.That(open.ReplyDeadline, Is.EqualTo(At(25, 10)));
            Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Hit));
            Assert.That(result.Verdict.ToString(), Is.EqualTo("notice: hit, opened for 7 members by 王主任, phrase 「我已知晓，马上照办」, deadline 2026-11-25 10:00; tracking announced"));
        });
    }

    [Test]
    public void The_bot_answers_a_new_notice_with_its_deadline_and_how_to_reply_so_that_it_sees_the_reply()
    {
        var note = Rule.Evaluate(Text("wang", NoticeText), State(), Morning).Effects.Of<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(note.AnswersMessage, Is.True, "a passive answer where the channel allows it");
            Assert.That(note.Mentions, Is.Empty);
            Assert.That(note.Text, Is.EqualTo("【已开始统计回复】王主任的通知需7人回复，截止11月25日 10:00。\n回复时请 @规则助手：我已知晓，马上照办！"));
        });
    }

    [Test]
    public void The_tracking_note_uses_the_bot_name_the_group_sees_and_can_be_switched_off()
    {
        var named = Rule.Evaluate(Text("wang", NoticeText), State(new GroupPolicy { BotName = "小助手" }), Morning).Effects.Of<PostToGroup>().Single();
        var off = Rule.Evaluate(Text("wang", NoticeText), State(new GroupPolicy { AnnounceTracking = false }), Morning).Effects;
        Assert.Multiple(() =>
        {
            Assert.That(named.Text, Does.EndWith("回复时请 @小助手：我已知晓，马上照办！"));
            Assert.That(off.Of<PostToGroup>(), Is.Empty);
            Assert.That(off.Of<OpenNotice>(), Has.Count.EqualTo(1));
        });
    }

    [TestCase(23, 30, 25, 8, 30, TestName = "A notice at 23:30 is due two hours after 06:30")]
    [TestCase(5, 0, 24, 8, 30, TestName = "A notice at 05:00 is due two hours after 06:30")]
    [TestCase(22, 0, 25, 7, 30, TestName = "A notice at 22:00 gets one hour before 23:00 and one after 06:30")]
    [TestCase(12, 0, 24, 15, 40, TestName = "A notice at 12:00 gets 40 minutes before the noon window and the rest after 14:20")]
    [TestCase(13, 0, 24, 16, 20, TestName = "A notice inside the noon window is due two hours after 14:20")]
    [TestCase(9, 0, 24, 11, 0, TestName = "A notice outside quiet hours is due two hours later")]
    public void The_reply_window_runs_only_while_members_may_post(int hour, int minute, int dueDay, int dueHour, int dueMinute)
    {
        var posted = At(24, hour, minute);
        var result = Rule.Evaluate(Text("wang", NoticeText, posted), State(), posted);
        Assert.That(result.Effects.Of<OpenNotice>().Single().ReplyDeadline, Is.EqualTo(At(dueDay, dueHour, dueMinute)));
    }

    [Test]
    public void Notice_quoting_its_own_phrase_asks_for_that_phrase()
    {
        var result = Rule.Evaluate(Text("wang", "周五前提交教案。收到请回复：收到，周五前提交！"), State(), Morning);
        Assert.That(result.Effects.Of<OpenNotice>().Single().Phrase, Is.EqualTo("收到，周五前提交"));
    }

    // Found by a tester in the sandbox: the issuer's reminder about an earlier notice, and a question about one, each
    // opened a new notice; everyone who had answered the first was then named and reported.
    [TestCase("提醒一下：上面师德师风自查表的通知要求“收到请回复：我已知晓，马上照办”，还没回复的老师抓紧哦")]
    [TestCase("请问王主任，这个通知是收到请回复我已知晓马上照办吗？")]
    [TestCase("刚才的通知大家看到了吗，要求「收到请回复」的，请抓紧回复")]
    public void A_post_that_speaks_of_a_notice_is_not_a_new_notice(string text)
    {
        var result = Rule.Evaluate(Text("wang", text), State(), Morning);
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Pass));
        });
    }

    [TestCase("今天下午放假半天。此条信息不必回复！", "此条信息不必回复")]
    [TestCase("今天下午放假半天。收到请回复：我已知晓，马上照办！（此条信息不必回复）", "此条信息不必回复")]
    [TestCase("今天下午放假半天，不必回复。", "不必回复")]
    public void No_reply_marker_opens_nothing(string text, string marker)
    {
        var result = Rule.Evaluate(Text("wang", text), State(), Morning);
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(result.Verdict.Detail, Is.EqualTo($"no-reply marker 「{marker}」"));
        });
    }

    [Test]
    public void Notice_that_mentions_members_asks_only_them_in_roster_order()
    {
        var result = Rule.Evaluate(Text("wang", "@lisi @张三 @外校老师 请于今天下班前提交教案。收到请回复：我已知晓，马上照办！"), State(), Morning);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<OpenNotice>().Single().Asked, Is.EqualTo(new[] { "zhangsan", "lisi" }));
            Assert.That(result.Verdict.Detail, Does.Contain("opened for 2 members (@-mentioned)").And.Contain("unresolved mentions: @外校老师"));
        });
    }

    [Test]
    public void Notice_to_all_asks_the_whole_roster()
    {
        var result = Rule.Evaluate(Text("wang", "@所有人 明天开会。收到请回复：我已知晓，马上照办！"), State(), Morning);
        Assert.That(result.Effects.Of<OpenNotice>().Single().Asked, Has.Count.EqualTo(7));
    }

    [Test]
    public void Exempt_members_are_not_asked_unless_named()
    {
        var state = State(new GroupPolicy { ExemptMembers = ["chen", "sunba"] });

        var all = Rule.Evaluate(Text("wang", NoticeText), state, Morning).Effects.Of<OpenNotice>().Single();
        var named = Rule.Evaluate(Text("wang", "@陈老师 请提交值班表。收到请回复：我已知晓，马上照办！"), state, Morning).Effects.Of<OpenNotice>().Single();

        Assert.That((all.Asked, named.Asked), Is.EqualTo((new[] { "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi" }, new[] { "chen" })));
    }

    [TestCase(IssuerScope.Anyone, "zhangsan", true)]
    [TestCase(IssuerScope.Owner, "chen", true)]
    [TestCase(IssuerScope.Owner, "wang", false)]
    [TestCase(IssuerScope.Listed, "wang", true)]
    [TestCase(IssuerScope.Listed, "chen", true)]
    [TestCase(IssuerScope.Listed, "zhangsan", false)]
    public void Issuer_scope_decides_who_may_open_a_notice(IssuerScope scope, string sender, bool opens)
    {
        var state = State(new GroupPolicy { Issuers = scope }, issuers: ["wang"]);
        var result = Rule.Evaluate(Text(sender, NoticeText), state, Morning);

        Assert.That(result.Effects.Of<OpenNotice>(), Has.Count.EqualTo(opens ? 1 : 0));
        if (!opens) Assert.That(result.Verdict.Detail, Does.Contain("who may not issue notices"));
    }

    [Test]
    public void Member_copying_the_notice_last_line_as_reply_opens_no_notice()
    {
        var result = Rule.Evaluate(Text("zhangsan", "收到请回复：我已知晓，马上照办（坚决执行）！"), State(), Morning);
        Assert.That((result.Effects, result.Verdict.Detail), Is.EqualTo((Array.Empty<Effect>(), "not a notice: echo of the phrase")));
    }

    [Test]
    public void Notice_that_mentions_rectification_work_is_still_a_notice()
    {
        var text = "本周五前各班完成卫生整改。收到请回复：我已知晓，马上照办！";
        Assert.Multiple(() =>
        {
            Assert.That(Rule.Evaluate(Text("wang", text), State(), Morning).Effects.Of<OpenNotice>(), Has.Count.EqualTo(1));
            Assert.That(new RectificationRule().Evaluate(Text("wang", text), State(), Morning).Effects, Is.Empty);
        });
    }

    [Test]
    public void Ordinary_chat_passes_with_its_reason() =>
        Assert.That(Rule.Evaluate(Text("zhangsan", "明天几点开会？"), State(), Morning).Verdict.ToString(),
            Is.EqualTo("notice: pass, no request marker in 7 chars"));
}
