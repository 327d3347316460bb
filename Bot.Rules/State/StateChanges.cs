using Bot.Rules.Messages;
using Bot.Rules.Pipeline;

namespace Bot.Rules.State;

/// <summary>Who caused a decision's effects and when, and where the ids of what they open come from (storage numbers them).</summary>
/// <param name="NewId">The id of the next notice or rectification the effects open; null when nothing can be opened in memory.</param>
public sealed record EffectOrigin(DateTimeOffset At, Func<long>? NewId = null);

/// <summary>
/// What each effect changes in a group's state, as the next read of the group would find it after the effect's rows are
/// written: the one description of it, used wherever a state is carried forward in memory (a batch of one group's
/// messages, the tests' in-memory store). The SQL of the effect writer is its storage; the two are tested against each other.
/// </summary>
public static class StateChanges
{
    public static GroupState Apply(GroupState state, IEnumerable<Effect> effects, EffectOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var effect in effects) state = Apply(state, effect, origin);
        return state;
    }

    public static GroupState Apply(GroupState state, Effect effect, EffectOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(origin);
        return effect switch
        {
            // The bot's own words are outgoing messages, not posts of the group; a private message changes nothing here.
            PostToGroup or SendPrivate => state,
            AddToRoster member => Joined(state, member),
            // A strike counts against the member the decision is about, whose state this is.
            RecordViolation { Strike: true } => state with { SenderStrikes = state.SenderStrikes + 1 },
            RecordViolation => state,
            OpenNotice open => state with { OpenNotices = [.. state.OpenNotices, Opened(state, open, origin)] },
            OpenRectification open => state with { OpenRectifications = [.. state.OpenRectifications, Opened(state, open, origin)] },
            _ when NoticeOf(effect) is { } id => state with
            {
                OpenNotices = [.. state.OpenNotices.Select(n => n.Id == id ? Apply(n, effect) : n).Where(IsLive)],
            },
            _ when RectificationOf(effect) is { } id => state with
            {
                OpenRectifications = [.. state.OpenRectifications.Select(r => r.Id == id ? Apply(r, effect) : r).Where(IsOpen)],
            },
            _ => throw new InvalidOperationException($"no state change is described for {effect.GetType().Name}"),
        };
    }

    /// <summary>One notice after an effect about it; effects about other notices leave it as it is.</summary>
    public static NoticeState Apply(NoticeState notice, Effect effect)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (NoticeOf(effect) != notice.Id) return notice;
        var open = notice.Stage is NoticeStage.Open or NoticeStage.Reminded;
        return effect switch
        {
            // Only the first reply counts, and an explanation only from someone who has not replied.
            RecordReply reply => WithDuty(notice, reply.UserId, d => d.RepliedAt is null ? d with { RepliedAt = reply.At, Late = reply.Late } : d),
            RecordExplanation explained => WithDuty(notice, explained.UserId,
                d => d is { RepliedAt: null, ExplainedAt: null } ? d with { ExplainedAt = explained.At } : d),
            RecordPhraseHint hint => WithDuty(notice, hint.UserId, d => d.HintedAt is null ? d with { HintedAt = hint.At } : d),
            MarkReminded reminded when notice.Stage == NoticeStage.Open =>
                notice with { Stage = NoticeStage.Reminded, RemindedAt = reminded.At, ExplanationDeadline = reminded.ExplanationDeadline },
            MarkEscalated escalated => (open ? notice with { Stage = NoticeStage.Escalated } : notice) with
            {
                Duties = [.. notice.Duties.Select(d => escalated.Members.Contains(d.UserId, StringComparer.Ordinal) ? d with { Escalated = true } : d)],
            },
            CloseNotice when open => notice with { Stage = NoticeStage.Closed },
            CancelNotice when open => notice with { Stage = NoticeStage.Cancelled },
            _ => notice,
        };
    }

    /// <summary>One rectification after an effect about it; each step happens only from the stage before it.</summary>
    public static RectificationState Apply(RectificationState rectification, Effect effect)
    {
        ArgumentNullException.ThrowIfNull(rectification);
        if (RectificationOf(effect) != rectification.Id) return rectification;
        return effect switch
        {
            RecordRectificationReply replied when rectification.Stage == RectificationStage.AwaitingReply => rectification with
            {
                RepliedAt = replied.At, EvidenceDeadline = replied.EvidenceDeadline, Stage = RectificationStage.AwaitingEvidence,
            },
            RecordRectificationEvidence evidence when rectification.Stage == RectificationStage.AwaitingEvidence =>
                rectification with { EvidenceAt = evidence.At, Stage = RectificationStage.Done },
            MarkRectificationEscalated when IsOpen(rectification) => rectification with { Stage = RectificationStage.Escalated },
            _ => rectification,
        };
    }

    /// <summary>The message itself, once judged, is one of the group's recent posts: after every post of its instant or earlier.</summary>
    public static GroupState Posted(GroupState state, InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        var post = new RecentPost(message.SenderId, message.Text, message.Mentions, message.ReceivedAt);
        var posts = state.RecentPosts.ToList();
        posts.Insert(posts.FindLastIndex(p => p.At <= post.At) + 1, post);
        return state with { RecentPosts = posts };
    }

    /// <summary>
    /// A notice a read of the group still returns: open, reminded, or escalated (just now; it stays a few days for late
    /// replies, see <c>NoticeStore.EscalatedGrace</c>); closed and cancelled ones are history.
    /// </summary>
    public static bool IsLive(NoticeState notice) => notice.Stage is not (NoticeStage.Closed or NoticeStage.Cancelled);

    public static bool IsOpen(RectificationState rectification) =>
        rectification.Stage is RectificationStage.AwaitingReply or RectificationStage.AwaitingEvidence;

    private static GroupState Joined(GroupState state, AddToRoster member)
    {
        // Both rows are written "if absent": a member keeps their place, a known person their directory entry.
        var group = state.Group.Members.Contains(member.UserId, StringComparer.Ordinal) ? state.Group
            : state.Group with { Members = [.. state.Group.Members, member.UserId] };
        if (member.Name.Length == 0 || state.People.ContainsKey(member.UserId)) return state with { Group = group };
        var people = new Dictionary<string, Person>(state.People, StringComparer.Ordinal)
        {
            [member.UserId] = new Person(member.UserId, member.Name, "", null, null),
        };
        return state with { Group = group, People = people };
    }

    private static NoticeState Opened(GroupState state, OpenNotice open, EffectOrigin origin) =>
        new(NewId(origin, open), state.Group.ChatId, open.IssuerId, open.Text, open.Phrase, origin.At, open.ReplyDeadline, null, null,
            NoticeStage.Open, [.. open.Asked.Select(userId => new Duty(userId, null, false, null, false))]);

    private static RectificationState Opened(GroupState state, OpenRectification open, EffectOrigin origin) =>
        new(NewId(origin, open), state.Group.ChatId, open.InspectorId, open.MemberId, open.Text, origin.At, open.ReplyDeadline,
            null, null, null, RectificationStage.AwaitingReply);

    private static long NewId(EffectOrigin origin, Effect effect) =>
        origin.NewId?.Invoke() ?? throw new InvalidOperationException($"{effect.GetType().Name} opens a row whose id only storage can give: read the group again");

    private static NoticeState WithDuty(NoticeState notice, string userId, Func<Duty, Duty> change) =>
        notice with { Duties = [.. notice.Duties.Select(d => d.UserId == userId ? change(d) : d)] };

    private static long? NoticeOf(Effect effect) => effect switch
    {
        RecordReply e => e.NoticeId,
        RecordExplanation e => e.NoticeId,
        RecordPhraseHint e => e.NoticeId,
        MarkReminded e => e.NoticeId,
        MarkEscalated e => e.NoticeId,
        CloseNotice e => e.NoticeId,
        CancelNotice e => e.NoticeId,
        _ => null,
    };

    private static long? RectificationOf(Effect effect) => effect switch
    {
        RecordRectificationReply e => e.RectificationId,
        RecordRectificationEvidence e => e.RectificationId,
        MarkRectificationEscalated e => e.RectificationId,
        _ => null,
    };
}
