using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Storage;

/// <summary>
/// What was read of one group for a batch of decisions, plus what the batch's decisions about the group did since: the
/// state of each decision is built from it, so several messages of one group are judged one after another with one
/// read, each seeing the effects of the last exactly as a fresh read would. Only the effects whose rows the state reads
/// directly are carried forward (<see cref="CanCarry"/>); after any other, the caller reads the group again.
/// </summary>
public sealed class GroupSnapshot
{
    private readonly GroupPolicy _policy;
    private readonly Dictionary<string, Person> _people;
    private readonly List<(string UserId, DateTimeOffset At)> _strikes;
    private readonly List<NoticeState> _pastNotices;
    private GroupInfo _group;
    private IReadOnlyList<NoticeState> _notices;
    private IReadOnlyList<RectificationState> _rectifications;
    private IReadOnlyList<RecentPost> _posts;

    /// <param name="people">Everyone the read found (shared by the batch's groups, as the directory is).</param>
    /// <param name="posts">The group's recent posts, oldest first.</param>
    internal GroupSnapshot(GroupInfo group, GroupPolicy policy, Dictionary<string, Person> people, List<NoticeState> notices,
        List<RectificationState> rectifications, List<RecentPost> posts, List<(string UserId, DateTimeOffset At)> strikes, List<NoticeState> pastNotices)
    {
        (_group, _policy, _people, _notices, _rectifications, _posts, _strikes, _pastNotices) =
            (group, policy, people, notices, rectifications, posts, strikes, pastNotices);
    }

    /// <summary>The group as a decision about <paramref name="senderId"/> at <paramref name="now"/> sees it.</summary>
    public GroupState StateFor(string senderId, DateTimeOffset now)
    {
        // As the read does: the latest posts up to now (at most the read's limit), trimmed to the policy's windows.
        var lookback = GroupStateStore.Lookback(_policy);
        var recent = _posts.Where(p => p.At <= now).TakeLast(GroupStateStore.RecentPostLimit).Where(p => p.At > now - lookback).ToList();
        var strikes = _strikes.Count(s => s.UserId == senderId && s.At > now - _policy.StrikeWindow && s.At <= now);
        return new GroupState(_group, _policy, GroupStateStore.PeopleOf(_people, _group.Members, senderId, _group.Owner),
            [.. _notices], [.. _rectifications], recent, strikes) { PastNotices = _pastNotices };
    }

    /// <summary>Whether a decision's effects can be carried in memory; anything that opens, closes or escalates cannot.</summary>
    public static bool CanCarry(IReadOnlyList<Effect> effects) =>
        effects.All(e => e is AddToRoster or RecordReply or RecordExplanation or RecordPhraseHint or RecordViolation or PostToGroup or SendPrivate);

    /// <summary>
    /// Applies these effects of a decision about <paramref name="message"/>, and the message itself (now an evaluated
    /// post), as the next read would find them: through <see cref="StateChanges"/>, the one description of what an effect changes.
    /// </summary>
    public void Carry(InboundMessage message, IReadOnlyList<Effect> effects)
    {
        if (!CanCarry(effects)) throw new InvalidOperationException("these effects cannot be carried in memory: read the group again");
        // The whole group's read, not one sender's view: every post and person, and the strikes counted apart (per member).
        var read = new GroupState(_group, _policy, _people, _notices, _rectifications, _posts, SenderStrikes: 0);
        var after = StateChanges.Posted(StateChanges.Apply(read, effects, new EffectOrigin(message.ReceivedAt)), message);
        (_group, _notices, _rectifications, _posts) = (after.Group, after.OpenNotices, after.OpenRectifications, after.RecentPosts);
        // The directory is the batch's, so a person the decision added is known to the other groups' next decisions too.
        foreach (var person in after.People.Values) _people.TryAdd(person.UserId, person);
        for (var strike = 0; strike < after.SenderStrikes; strike++) _strikes.Add((message.SenderId, message.ReceivedAt));
    }
}
