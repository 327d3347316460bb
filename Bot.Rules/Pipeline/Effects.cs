namespace Bot.Rules.Pipeline;

/// <summary>
/// What a decision changes. Rules return effects as data; storage applies them all in the message's (or timer's)
/// transaction, so a decision and its consequences commit together.
/// </summary>
public abstract record Effect;

// ---- What the bot says ----

/// <summary>A group post through the group's webhook, @-mentioning user ids; held until quiet hours end unless urgent.</summary>
/// <param name="AnswersMessage">A direct answer to the message being evaluated (a command's result): where its channel
/// gives a reply URL (the 智能机器人's response_url) it is answered there, at once, else posted like any other.</param>
public sealed record PostToGroup(string ChatId, string Text, IReadOnlyList<string> Mentions, string Reason, bool Urgent = false, bool AnswersMessage = false) : Effect;

/// <summary>A private message through the app's message/send, to each recipient.</summary>
public sealed record SendPrivate(IReadOnlyList<string> To, string Text, string Reason, bool Urgent = false) : Effect;

// ---- Notices: 收到请回复 ----

public sealed record OpenNotice(string IssuerId, string Text, string Phrase, IReadOnlyList<string> Asked, DateTimeOffset ReplyDeadline) : Effect;

public sealed record RecordReply(long NoticeId, string UserId, DateTimeOffset At, bool Late) : Effect;

public sealed record RecordExplanation(long NoticeId, string UserId, DateTimeOffset At) : Effect;

/// <summary>The member answered with other words than the phrase and was told privately which count (once per notice).</summary>
public sealed record RecordPhraseHint(long NoticeId, string UserId, DateTimeOffset At) : Effect;

/// <summary>The reply deadline passed and the silent were @-mentioned; their explanation window runs to the deadline.</summary>
public sealed record MarkReminded(long NoticeId, DateTimeOffset At, DateTimeOffset ExplanationDeadline) : Effect;

/// <summary>The explanation window passed; these members were reported to their supervisors.</summary>
public sealed record MarkEscalated(long NoticeId, IReadOnlyList<string> Members, DateTimeOffset At) : Effect;

/// <summary>Nothing left to track: everyone replied or explained.</summary>
public sealed record CloseNotice(long NoticeId, DateTimeOffset At) : Effect;

/// <summary>「撤销」: the issuer withdrew the notice; no further reminders.</summary>
public sealed record CancelNotice(long NoticeId, string ByUserId, DateTimeOffset At) : Effect;

// ---- Rectification: 存在问题我已清楚，将立即整改 ----

public sealed record OpenRectification(string InspectorId, string MemberId, string Text, DateTimeOffset ReplyDeadline) : Effect;

public sealed record RecordRectificationReply(long RectificationId, DateTimeOffset At, DateTimeOffset EvidenceDeadline) : Effect;

public sealed record RecordRectificationEvidence(long RectificationId, DateTimeOffset At) : Effect;

public sealed record MarkRectificationEscalated(long RectificationId, string Missed, DateTimeOffset At) : Effect;

// ---- Moderation ----

/// <summary>A broken rule, kept with its evidence; a strike counts toward <c>StrikeLimit</c> (never when observed).</summary>
/// <param name="Why">The evidence, its values kept apart from its English wording (see <see cref="Explanation"/>).</param>
public sealed record RecordViolation(string Rule, string Category, Explanation Why, bool Strike) : Effect
{
    /// <summary>The evidence in English, as stored beside the structured one and shown by the admin API.</summary>
    public string Evidence => Why.ToString();
}

// ---- Roster (到岗即入) ----

/// <summary>A member seen posting who is not on the roster joins it, so later notices ask them too.</summary>
public sealed record AddToRoster(string UserId, string Name) : Effect;
