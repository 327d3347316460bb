using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// Storage as the rules expect it, in memory: runs the pipeline, applies the effects to the state with
/// <see cref="StateChanges"/> (as the batch carries them in production), keeps what was said. Lets a whole day of a group
/// be played through the pure rules and timers. Timers find their notice or rectification by id whatever its stage, as
/// the timer worker does, so every one ever opened is kept apart from the state's open ones.
/// </summary>
internal sealed class FakeAckStore(GroupState state)
{
    private readonly RulePipeline pipeline = new(AckRules.All);
    private readonly Dictionary<long, NoticeState> notices = [];
    private readonly Dictionary<long, RectificationState> rectifications = [];
    private long nextId = 1;

    public GroupState State { get; private set; } = state;

    public List<PostToGroup> Posts { get; } = [];

    public List<SendPrivate> Privates { get; } = [];

    public NoticeState Notice(long id) => State.OpenNotices.FirstOrDefault(n => n.Id == id) ?? notices[id];

    public RectificationState Rectification(long id) => State.OpenRectifications.FirstOrDefault(r => r.Id == id) ?? rectifications[id];

    public Decision Receive(InboundMessage message) => Apply(pipeline.Evaluate(message, State, message.ReceivedAt), message.ReceivedAt);

    public Decision Fire(Func<NoticeState, GroupState, DateTimeOffset, Decision> timer, long noticeId, DateTimeOffset now) =>
        Apply(timer(Notice(noticeId), State, now), now);

    public Decision Fire(Func<RectificationState, GroupState, DateTimeOffset, Decision> timer, long rectificationId, DateTimeOffset now) =>
        Apply(timer(Rectification(rectificationId), State, now), now);

    private Decision Apply(Decision decision, DateTimeOffset at)
    {
        foreach (var effect in decision.Effects)
        {
            if (effect is PostToGroup post) Posts.Add(post);
            if (effect is SendPrivate send) Privates.Add(send);
            foreach (var notice in notices.Values.ToList()) notices[notice.Id] = StateChanges.Apply(notice, effect);
            foreach (var rectification in rectifications.Values.ToList()) rectifications[rectification.Id] = StateChanges.Apply(rectification, effect);
            State = StateChanges.Apply(State, effect, new EffectOrigin(at, () => nextId++));
            foreach (var opened in State.OpenNotices) notices.TryAdd(opened.Id, opened);
            foreach (var opened in State.OpenRectifications) rectifications.TryAdd(opened.Id, opened);
        }

        return decision;
    }
}
