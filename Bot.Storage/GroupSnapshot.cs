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
    private readonly List<NoticeState> _notices;
    private readonly List<RectificationState> _rectifications;
    private readonly List<RecentPost> _posts;
    private readonly List<(string UserId, DateTimeOffset At)> _strikes;
    private readonly List<NoticeState> _pastNotices;
    private GroupInfo _group;

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
    /// Applies what <see cref="EffectWriter"/> writes for these effects, and the message itself (now an evaluated post),
    /// as the next read would find them.
    /// </summary>
    public void Carry(InboundMessage message, IReadOnlyList<Effect> effects)
    {
        if (!CanCarry(effects)) throw new InvalidOperationException("these effects cannot be carried in memory: read the group again");
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case AddToRoster member:
                    // group_members and people, both ON CONFLICT DO NOTHING; a new member takes the last position.
                    if (!_group.Members.Contains(member.UserId)) _group = _group with { Members = [.. _group.Members, member.UserId] };
                    if (member.Name.Length > 0) _people.TryAdd(member.UserId, new Person(member.UserId, member.Name, "", null, null));
                    break;
                case RecordReply reply:
                    UpdateDuty(reply.NoticeId, reply.UserId, d => d.RepliedAt is null ? d with { RepliedAt = reply.At, Late = reply.Late } : d);
                    break;
                case RecordExplanation explanation:
                    UpdateDuty(explanation.NoticeId, explanation.UserId,
                        d => d.ExplainedAt is null && d.RepliedAt is null ? d with { ExplainedAt = explanation.At } : d);
                    break;
                case RecordPhraseHint hint:
                    UpdateDuty(hint.NoticeId, hint.UserId, d => d.HintedAt is null ? d with { HintedAt = hint.At } : d);
                    break;
                case RecordViolation { Strike: true }:
                    _strikes.Add((message.SenderId, message.ReceivedAt));
                    break;
            }
        }

        // In (received_at, id) order, as the read returns posts: after every post of the same instant or earlier.
        var post = new RecentPost(message.SenderId, message.Text, message.Mentions, message.ReceivedAt);
        var at = _posts.FindLastIndex(p => p.At <= post.At);
        _posts.Insert(at + 1, post);
    }

    private void UpdateDuty(long noticeId, string userId, Func<Duty, Duty> update)
    {
        var index = _notices.FindIndex(n => n.Id == noticeId);
        if (index < 0) return;
        var notice = _notices[index];
        _notices[index] = notice with { Duties = [.. notice.Duties.Select(d => d.UserId == userId ? update(d) : d)] };
    }
}
