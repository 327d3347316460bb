using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Acknowledgement;

public class RectificationTests
{
    private static readonly RectificationRule Rule = new();
    private static readonly DateTimeOffset Nine = At(25, 9);

    [Test]
    public void Inspection_post_opens_one_rectification_per_named_member()
    {
        var result = Rule.Evaluate(Text("wang", InspectionText), State(), Morning);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<OpenRectification>(), Is.EqualTo(new[]
            {
                new OpenRectification("wang", "zhangsan", InspectionText, At(25, 10)),
                new OpenRectification("wang", "lisi", InspectionText, At(25, 10)),
            }));
            Assert.That(result.Effects.Of<PostToGroup>().Single().Mentions, Is.EqualTo(new[] { "zhangsan", "lisi" }));
            Assert.That(result.Verdict.Detail, Is.EqualTo(
                "inspection 「检查通报」 by 王主任 names 2 member(s) for a problem: 张三, 李四; phrase 「存在问题我已清楚，将立即整改」 due 2026-11-25 10:00"));
        });
    }

    [Test]
    public void Inspection_asking_for_the_phrase_after_the_request_marker_is_an_inspection_not_a_notice()
    {
        var text = "@王五 办公室卫生不合格。收到请回复：存在问题我已清楚，将立即整改！";
        Assert.Multiple(() =>
        {
            Assert.That(Rule.Evaluate(Text("wang", text), State(), Morning).Effects.Of<OpenRectification>().Single().MemberId, Is.EqualTo("wangwu"));
            Assert.That(new NoticeRule().Evaluate(Text("wang", text), State(), Morning).Effects, Is.Empty);
        });
    }

    [Test]
    public void Inspection_that_names_nobody_opens_nothing()
    {
        var result = Rule.Evaluate(Text("wang", "【检查通报】今日各班卫生情况良好。"), State(), Morning);
        Assert.That((result.Effects, result.Verdict.Detail), Is.EqualTo((Array.Empty<Effect>(), "inspection marker 「检查通报」 from 王主任 names no member")));
    }

    [Test]
    public void Inspection_from_someone_outside_the_issuer_scope_opens_nothing()
    {
        var result = Rule.Evaluate(Text("zhaoliu", InspectionText), State(new GroupPolicy { Issuers = IssuerScope.Owner }), Morning);
        Assert.That(result.Effects, Is.Empty);
    }

    [TestCase("存在问题我已清楚，将立即整改！")]
    [TestCase("收到，存在问题我已清楚,将立即整改")]
    [TestCase("@王主任 存在问题我已清楚，将立即整改！")]
    public void Named_member_replying_the_phrase_starts_the_evidence_window(string reply)
    {
        var result = Rule.Evaluate(Text("zhangsan", reply, Nine), State(rectifications: [Rectification()]), Nine);
        Assert.That(result.Effects, Is.EqualTo(new Effect[] { new RecordRectificationReply(1, Nine, At(26, 9)) }));
    }

    [TestCase(MessageKind.Image)]
    [TestCase(MessageKind.File)]
    [TestCase(MessageKind.Mixed)]
    public void Image_file_or_mixed_post_after_the_reply_is_evidence(MessageKind kind)
    {
        var state = State(rectifications: [Rectification().Answered(Nine)]);
        var at = At(25, 16);
        Assert.That(Rule.Evaluate(Media("zhangsan", kind, at), state, at).Effects, Is.EqualTo(new Effect[] { new RecordRectificationEvidence(1, at) }));
    }

    [TestCase("整改情况：已重新安排午休值班，见图。", true)]
    [TestCase("@王主任 整改已完成", true)]
    [TestCase("好的", false)]
    [TestCase("存在问题我已清楚，将立即整改！", false)]
    public void Text_after_the_reply_is_evidence_only_when_it_reports_the_rectification(string text, bool evidence)
    {
        var state = State(rectifications: [Rectification().Answered(Nine)]);
        var at = At(25, 16);
        var result = Rule.Evaluate(Text("zhangsan", text, at), state, at);

        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.Of<RecordRectificationEvidence>(), Has.Count.EqualTo(evidence ? 1 : 0));
            Assert.That(result.Effects.Of<OpenRectification>(), Is.Empty, "a member's report is never an inspection of the person they address");
        });
    }

    [Test]
    public void Evidence_before_the_reply_phrase_is_not_counted()
    {
        var result = Rule.Evaluate(Media("zhangsan", MessageKind.Image, Nine), State(rectifications: [Rectification()]), Nine);
        Assert.That(result.Effects, Is.Empty);
    }

    [Test]
    public void Reply_and_evidence_close_the_rectification_and_the_deadlines_pass_quietly()
    {
        var store = new FakeAckStore(State());
        store.Receive(Text("wang", InspectionText, Morning));
        store.Receive(Text("zhangsan", "存在问题我已清楚，将立即整改！", Nine));
        store.Receive(Media("zhangsan", MessageKind.Image, At(25, 15)));

        var replyDeadline = store.Fire(RectificationTimers.OnReplyDeadline, 1, At(25, 10));
        var evidenceDeadline = store.Fire(RectificationTimers.OnEvidenceDeadline, 1, At(26, 9));

        Assert.Multiple(() =>
        {
            Assert.That(store.Rectification(1).Stage, Is.EqualTo(RectificationStage.Done));
            Assert.That(replyDeadline.Effects, Is.Empty);
            Assert.That(evidenceDeadline.Effects, Is.Empty);
            Assert.That(store.Privates, Is.Empty);
        });
    }

    [Test]
    public void Reply_without_evidence_is_escalated_to_the_principal_at_the_evidence_deadline()
    {
        var rectification = Rectification().Answered(Nine);
        var decision = RectificationTimers.OnEvidenceDeadline(rectification, State(), At(26, 9));

        var send = decision.Effects.Of<SendPrivate>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(send.To, Is.EqualTo(new[] { "zhou" }));
            Assert.That(send.Text, Is.EqualTo(
                "周校长您好：\n王主任于11月25日 08:00在工作群「七年级教师工作群」发布检查通报，点名指出张三（语文组）的工作存在问题：「【检查通报】今日午休巡查，七(3)班纪律较差， @张三 @李四 请立即整改。」。\n" +
                "张三已于11月25日 09:00回复，但未在规定时间内反馈整改情况。按学校微信平台工作制度，请通知其到校长室作情况说明。"));
            Assert.That(decision.Effects.Of<MarkRectificationEscalated>().Single(), Is.EqualTo(new MarkRectificationEscalated(1, "未在规定时间内反馈整改情况", At(26, 9))));
        });
    }

    [Test]
    public void No_reply_is_escalated_to_the_principal_at_the_reply_deadline()
    {
        var decision = RectificationTimers.OnReplyDeadline(Rectification(), State(), At(25, 10));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Effects.Of<SendPrivate>().Single().To, Is.EqualTo(new[] { "zhou" }));
            Assert.That(decision.Effects.Of<MarkRectificationEscalated>().Single().Missed, Is.EqualTo("未按时回复「存在问题我已清楚，将立即整改！」"));
            Assert.That(decision.Verdicts.Single().Detail, Is.EqualTo(
                "reply deadline of rectification #1: 张三 未按时回复「存在问题我已清楚，将立即整改！」; reported to 周校长"));
        });
    }

    [Test]
    public void Without_a_principal_the_group_owner_is_told()
    {
        var people = People.Values.Where(p => !p.IsPrincipal).ToDictionary(p => p.UserId);
        var decision = RectificationTimers.OnReplyDeadline(Rectification(), State(people: people), At(25, 10));
        Assert.That(decision.Effects.Of<SendPrivate>().Single().To, Is.EqualTo(new[] { "chen" }));
    }

    [Test]
    public void Reply_deadline_after_the_reply_does_nothing()
    {
        var decision = RectificationTimers.OnReplyDeadline(Rectification().Answered(Nine), State(), At(25, 10));
        Assert.That(decision.Effects, Is.Empty);
    }
}
