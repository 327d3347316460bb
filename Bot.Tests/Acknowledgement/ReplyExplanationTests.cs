using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// 情况说明 as teachers really write it after the reminder: in plain words, rarely headed 「情况说明：」. Reporting a
/// member who did explain is a false accusation, so a doubtful explanation counts; an acknowledgement or chat does not.
/// </summary>
public class ReplyExplanationTests
{
    private static readonly ReplyRule Rule = new();
    private static readonly DateTimeOffset NextMorning = At(26, 9);

    private static GroupState Reminded(params NoticeState[] notices) =>
        State(notices: notices.Length > 0 ? notices : [Notice().Reminded(At(25, 10), At(26, 23, 59, 59))]);

    // The two the sandbox tester saw reported to their 组长, and others of the same kind.
    [TestCase("王主任，抱歉，今天我请病假在医院输液，没看到消息，明天回校后马上落实。", "抱歉")]
    [TestCase("说明一下：上午一直在监考，手机上交了，刚看到。", "说明一下")]
    [TestCase("不好意思，刚看到", "不好意思")]
    [TestCase("对不起王主任，昨天一直在上课没看手机", "对不起")]
    [TestCase("昨天下午在区里开会，晚上才回来", "开会")]
    [TestCase("我请假了", "请假")]
    [TestCase("出差刚回来", "出差")]
    [TestCase("手机没电了，现在补上", "手机")]
    [TestCase("因为孩子发烧去了医院", "发烧")]
    [TestCase("抱歉，刚看到，现在还需要回复吗？", "抱歉")]
    [TestCase("情况说明：昨天外出培训，未能及时回复。", "情况说明")]
    [TestCase("對不起，剛看到", "对不起")]
    // Found by a tester in the sandbox, each once reported to a 组长 after explaining:
    [TestCase("孩子发高烧，在儿童医院陪护，回复晚了", "回复晚了")]
    [TestCase("今天请了年假", "请了")]
    [TestCase("我在带学生参加区运动会", "带学生")]
    [TestCase("信号不好，消息没收到", "没收到")]
    [TestCase("刚才在阅卷，没注意群消息", "没注意")]
    [TestCase("今天在外校听课", "听课")]
    [TestCase("在坐车，才看见", "才看见")]
    [TestCase("王主任，这两天在省里跟岗学习，消息看晚了，请谅解", "看晚了")]
    [TestCase("昨晚值班今天补休", "补休")]
    public void A_plain_explanation_after_the_reminder_closes_the_duty(string text, string reason)
    {
        var result = Rule.Evaluate(Text("zhaoliu", text, NextMorning), Reminded(), NextMorning);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordExplanation(1, "zhaoliu", NextMorning) }));
            Assert.That(result.Verdict.Detail, Is.EqualTo($"explanation 「{reason}」 from 赵六 covers 1 reminded notice(s): #1"));
        });
    }

    [TestCase("收到")]
    [TestCase("好的")]
    [TestCase("明天开会吗？")]
    [TestCase("因为什么要改时间？")]
    [TestCase("周末去爬山")]
    [TestCase("手机号发我一下")]
    public void An_acknowledgement_or_chat_is_no_explanation(string text)
    {
        var result = Rule.Evaluate(Text("zhaoliu", text, NextMorning), Reminded(), NextMorning);
        Assert.That(result.Effects.Of<RecordExplanation>(), Is.Empty);
    }

    [Test]
    public void An_explanation_that_also_carries_the_phrase_is_a_late_reply()
    {
        var text = "抱歉刚看到，我已知晓，马上照办！";
        var result = Rule.Evaluate(Text("zhaoliu", text, NextMorning), Reminded(), NextMorning);
        Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordReply(1, "zhaoliu", NextMorning, Late: true) }));
    }

    [Test]
    public void A_plain_explanation_before_the_reminder_records_nothing()
    {
        var result = Rule.Evaluate(Text("zhaoliu", "不好意思，刚看到", At(25, 9)), State(notices: [Notice()]), At(25, 9));
        Assert.That(result.Effects.Of<RecordExplanation>(), Is.Empty);
    }

    [Test]
    public void A_plain_explanation_from_someone_who_owes_nothing_records_nothing()
    {
        var notice = Notice().Reminded(At(25, 10), At(26, 23, 59, 59)).Replied("zhaoliu", At(25, 9));
        var result = Rule.Evaluate(Text("zhaoliu", "不好意思，今天在监考", NextMorning), Reminded(notice), NextMorning);
        Assert.That(result.Effects, Is.Empty);
    }

    [Test]
    public void A_plain_explanation_is_an_answer_that_other_rules_do_not_hold_against_the_member()
    {
        var answer = Answers.Of(Text("zhaoliu", "说明一下：上午一直在监考，手机上交了，刚看到。", NextMorning), Reminded(), NextMorning);
        Assert.That(answer?.ToString(), Is.EqualTo("an explanation (情况说明) for notice #1"));
    }
}
