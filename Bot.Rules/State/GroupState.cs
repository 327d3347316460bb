using Bot.Rules.Policy;

namespace Bot.Rules.State;

/// <summary>A person of the directory: who they are, who they answer to.</summary>
public sealed record Person(string UserId, string Name, string Department, string? Supervisor, string? Role)
{
    public bool IsPrincipal => string.Equals(Role, "principal", StringComparison.OrdinalIgnoreCase);
    public bool IsAdmin => string.Equals(Role, "admin", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A group as configured: where to post, who owns it, who is on its roster and who may issue notices.</summary>
public sealed record GroupInfo(
    string ChatId,
    string Name,
    string? WebhookKey,
    string? Owner,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Issuers)
{
    /// <summary>What is known of the group's ways to post. Storage reads it; a group built by hand (tests, benchmarks)
    /// posts through its key, if it has one, naming its chat id.</summary>
    public GroupRouting Routing { get; init; } =
        new(ChatIdKnown: true, HasWebhookKey: !string.IsNullOrEmpty(WebhookKey), WebhookKeyExclusive: false, HasCallbackWebhook: false);

    /// <summary>
    /// Whether members must @-mention the bot for it to see their replies: true wherever the bot learns of messages only
    /// through its callbacks, which WeCom sends only for messages that @ it (the message archive sees every message).
    /// </summary>
    public bool MentionRequired { get; init; } = true;
}

/// <summary>One member's duty under a notice.</summary>
public sealed record Duty(string UserId, DateTimeOffset? RepliedAt, bool Late, DateTimeOffset? ExplainedAt, bool Escalated)
{
    /// <summary>When the member was told privately which words count, after answering with others; at most once.</summary>
    public DateTimeOffset? HintedAt { get; init; }

    public bool Replied => RepliedAt is not null;
    /// <summary>Done: replied, or (after the reminder) explained.</summary>
    public bool Closed => RepliedAt is not null || ExplainedAt is not null;
}

public enum NoticeStage { Open, Reminded, Escalated, Closed, Cancelled }

/// <summary>A notice that asked members to reply, with each asked member's duty.</summary>
public sealed record NoticeState(
    long Id,
    string ChatId,
    string IssuerId,
    string Text,
    string Phrase,
    DateTimeOffset PostedAt,
    DateTimeOffset ReplyDeadline,
    DateTimeOffset? RemindedAt,
    DateTimeOffset? ExplanationDeadline,
    NoticeStage Stage,
    IReadOnlyList<Duty> Duties);

public enum RectificationStage { AwaitingReply, AwaitingEvidence, Done, Escalated }

/// <summary>One named member's rectification after an inspection post.</summary>
public sealed record RectificationState(
    long Id,
    string ChatId,
    string InspectorId,
    string MemberId,
    string Text,
    DateTimeOffset PostedAt,
    DateTimeOffset ReplyDeadline,
    DateTimeOffset? RepliedAt,
    DateTimeOffset? EvidenceDeadline,
    DateTimeOffset? EvidenceAt,
    RectificationStage Stage);

/// <summary>A recent post in the group, for flood and back-and-forth detection.</summary>
public sealed record RecentPost(string SenderId, string Text, IReadOnlyList<string> Mentions, DateTimeOffset At);

/// <summary>
/// What the rules know about a group when a message arrives: configuration, directory, open duties and recent history.
/// Loaded by storage in the message's transaction; the rules never do I/O.
/// </summary>
public sealed record GroupState(
    GroupInfo Group,
    GroupPolicy Policy,
    IReadOnlyDictionary<string, Person> People,
    IReadOnlyList<NoticeState> OpenNotices,
    IReadOnlyList<RectificationState> OpenRectifications,
    IReadOnlyList<RecentPost> RecentPosts,
    int SenderStrikes)
{
    /// <summary>
    /// Notices that are no longer tracked (closed, escalated long ago) which a command asked about: the latest of each
    /// issuer, or the one it named. Read only for messages that are such commands (<see cref="Acknowledgement.CommandRule.Asks"/>).
    /// </summary>
    public IReadOnlyList<NoticeState> PastNotices { get; init; } = [];

    public string NameOf(string userId) => People.TryGetValue(userId, out var p) && p.Name.Length > 0 ? p.Name : userId;

    /// <summary>A member as an explanation names them: the id in English, the name in Chinese.</summary>
    public Pipeline.Who Who(string userId) => new(userId, NameOf(userId));
}
