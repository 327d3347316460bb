using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// Storage as the rules expect it, in memory: runs the pipeline, applies the effects to the state, keeps what was
/// said. Lets a whole day of a group be played through the pure rules and timers.
/// </summary>
internal sealed class FakeAckStore(GroupState state)
{
    private readonly RulePipeline pipeline = new(AckRules.All);
    private long nextId = 1;

    public GroupState State { get; private set; } = state;

    public List<PostToGroup> Posts { get; } = [];

    public List<SendPrivate> Privates { get; } = [];

    public NoticeState Notice(long id) => State.OpenNotices.Single(n => n.Id == id);

    public RectificationState Rectification(long id) => State.OpenRectifications.Single(r => r.Id == id);

    public Decision Receive(InboundMessage message) => Apply(pipeline.Evaluate(message, State, message.ReceivedAt));

    public Decision Fire(Func<NoticeState, GroupState, DateTimeOffset, Decision> timer, long noticeId, DateTimeOffset now) =>
        Apply(timer(Notice(noticeId), State, now));

    public Decision Fire(Func<RectificationState, GroupState, DateTimeOffset, Decision> timer, long rectificationId, DateTimeOffset now) =>
        Apply(timer(Rectification(rectificationId), State, now));

    private Decision Apply(Decision decision)
    {
        foreach (var effect in decision.Effects) Apply(effect);
        return decision;
    }

    private void Apply(Effect effect)
    {
        switch (effect)
        {
            case PostToGroup post: Posts.Add(post); break;
            case SendPrivate send: Privates.Add(send); break;
            case OpenNotice open:
                AddNotice(new NoticeState(nextId++, State.Group.ChatId, open.IssuerId, open.Text, open.Phrase, open.ReplyDeadline - State.Policy.ReplyWindow,
                    open.ReplyDeadline, null, null, NoticeStage.Open, open.Asked.Select(u => new Duty(u, null, false, null, false)).ToList()));
                break;
            case RecordReply reply: Duty(reply.NoticeId, reply.UserId, d => d with { RepliedAt = reply.At, Late = reply.Late }); break;
            case RecordExplanation explanation: Duty(explanation.NoticeId, explanation.UserId, d => d with { ExplainedAt = explanation.At }); break;
            case MarkReminded reminded: Notice(reminded.NoticeId, n => n with { Stage = NoticeStage.Reminded, RemindedAt = reminded.At, ExplanationDeadline = reminded.ExplanationDeadline }); break;
            case MarkEscalated escalated:
                Notice(escalated.NoticeId, n => n with
                {
                    Stage = NoticeStage.Escalated,
                    Duties = n.Duties.Select(d => escalated.Members.Contains(d.UserId) ? d with { Escalated = true } : d).ToList(),
                });
                break;
            case CloseNotice close: Notice(close.NoticeId, n => n with { Stage = NoticeStage.Closed }); break;
            case CancelNotice cancel: Notice(cancel.NoticeId, n => n with { Stage = NoticeStage.Cancelled }); break;
            case OpenRectification open:
                State = State with
                {
                    OpenRectifications = [.. State.OpenRectifications, new RectificationState(nextId++, State.Group.ChatId, open.InspectorId, open.MemberId, open.Text,
                        open.ReplyDeadline - State.Policy.ReplyWindow, open.ReplyDeadline, null, null, null, RectificationStage.AwaitingReply)],
                };
                break;
            case RecordRectificationReply reply: Rectification(reply.RectificationId, r => r with { RepliedAt = reply.At, EvidenceDeadline = reply.EvidenceDeadline, Stage = RectificationStage.AwaitingEvidence }); break;
            case RecordRectificationEvidence evidence: Rectification(evidence.RectificationId, r => r with { EvidenceAt = evidence.At, Stage = RectificationStage.Done }); break;
            case MarkRectificationEscalated escalated: Rectification(escalated.RectificationId, r => r with { Stage = RectificationStage.Escalated }); break;
            default: throw new InvalidOperationException($"the fake store does not apply {effect.GetType().Name}");
        }
    }

    private void AddNotice(NoticeState notice) => State = State with { OpenNotices = [.. State.OpenNotices, notice] };

    private void Notice(long id, Func<NoticeState, NoticeState> change) =>
        State = State with { OpenNotices = State.OpenNotices.Select(n => n.Id == id ? change(n) : n).ToList() };

    private void Duty(long noticeId, string userId, Func<Duty, Duty> change) =>
        Notice(noticeId, n => n with { Duties = n.Duties.Select(d => d.UserId == userId ? change(d) : d).ToList() });

    private void Rectification(long id, Func<RectificationState, RectificationState> change) =>
        State = State with { OpenRectifications = State.OpenRectifications.Select(r => r.Id == id ? change(r) : r).ToList() };
}
