using System.Text.Json.Serialization;

namespace Bot.Rules.Policy;

/// <summary>
/// Everything a group's rules may vary: windows, quiet hours, markers, limits and each rule's mode. The default comes
/// from the <c>Policy</c> configuration section; a group's <c>policy</c> in the admin API overrides it key by key.
/// Durations carry their unit (<see cref="TimeSpan"/>), times of day are <see cref="TimeOnly"/>.
/// </summary>
public sealed record GroupPolicy
{
    /// <summary>IANA id of the group's clock; quiet hours and "the next day" are read on it.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    // ---- Notices (三、群员职责 3, 4) ----
    /// <summary>After a notice, members have this long to reply before the bot @-mentions those who have not.</summary>
    public TimeSpan ReplyWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>After the reminder, how long a member has to reply or explain (情况说明); <c>null</c>: until the end of the next day.</summary>
    public TimeSpan? ExplanationWindow { get; init; }

    /// <summary>Text that makes a message a notice needing replies.</summary>
    public IReadOnlyList<string> RequestMarkers { get; init; } = ["收到请回复"];

    /// <summary>Text that makes a message a notice that needs no reply; it wins over a request marker.</summary>
    public IReadOnlyList<string> NoReplyMarkers { get; init; } = ["此条信息不必回复", "此条信息无需回复", "不必回复"];

    /// <summary>The phrase asked for when a notice does not quote one after its marker.</summary>
    public string AckPhrase { get; init; } = "我已知晓，马上照办";

    /// <summary>Text that makes a message an explanation (情况说明) closing a member's duty after the reminder.</summary>
    public IReadOnlyList<string> ExplanationMarkers { get; init; } = ["情况说明"];

    /// <summary>Who may open notices and inspections: anyone, the group owner, or the listed issuers (and the owner).</summary>
    public IssuerScope Issuers { get; init; } = IssuerScope.Anyone;

    /// <summary>Members never asked to reply (e.g. the principal in a staff group).</summary>
    public IReadOnlyList<string> ExemptMembers { get; init; } = [];

    /// <summary>Whether the group is told, without new @-mentions, that the silent were reported to their supervisors.</summary>
    public bool AnnounceEscalations { get; init; } = true;

    /// <summary>
    /// Whether the bot answers a new notice at once with its deadline and how to reply (「回复时请 @规则助手：…」): the
    /// members learn the rule from the notice, not from a public reminder.
    /// </summary>
    public bool AnnounceTracking { get; init; } = true;

    /// <summary>
    /// Whether a member who answers a notice with an acknowledgement that is not the phrase (「收到」「好的」「👌」) is told
    /// privately, at once and once per notice, which words count.
    /// </summary>
    public bool PhraseHints { get; init; } = true;

    /// <summary>The bot's name as the group sees it: members are asked to @ it, since WeCom shows the bot only those messages.</summary>
    public string BotName { get; init; } = "规则助手";

    // ---- Rectification (三、群员职责 8) ----
    public IReadOnlyList<string> InspectionMarkers { get; init; } = ["检查通报", "整改"];
    public string RectificationPhrase { get; init; } = "存在问题我已清楚，将立即整改";
    /// <summary>After replying, how long a named member has to post rectification evidence (text or image).</summary>
    public TimeSpan RectificationWindow { get; init; } = TimeSpan.FromDays(1);
    /// <summary>Text marking a post as rectification evidence.</summary>
    public IReadOnlyList<string> EvidenceMarkers { get; init; } = ["整改"];

    // ---- Quiet hours (早上6:30前，中午12:40——14:20，晚上23:00之后) ----
    public IReadOnlyList<QuietWindow> QuietHours { get; init; } =
        [new(new TimeOnly(23, 0), new TimeOnly(6, 30)), new(new TimeOnly(12, 40), new TimeOnly(14, 20))];
    /// <summary>Text that exempts a message from quiet hours (and lets the bot's own urgent posts through).</summary>
    public IReadOnlyList<string> UrgencyMarkers { get; init; } = ["紧急"];
    public IReadOnlyList<string> QuietHoursExempt { get; init; } = [];

    // ---- Content and conduct ----
    public int MaxLength { get; init; } = 200;
    /// <summary>The same text this many times in <see cref="FloodWindow"/> is flooding (刷屏).</summary>
    public int FloodRepeats { get; init; } = 3;
    /// <summary>More posts than this by one member within <see cref="FloodWindow"/> is flooding.</summary>
    public int FloodPosts { get; init; } = 8;
    public TimeSpan FloodWindow { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Two members addressing each other this many times within <see cref="PrivateChatWindow"/> should talk privately.</summary>
    public int PrivateChatTurns { get; init; } = 6;
    public TimeSpan PrivateChatWindow { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a poster of banned content is given to recall (撤回) it.</summary>
    public TimeSpan RecallWindow { get; init; } = TimeSpan.FromMinutes(2);
    public int StrikeLimit { get; init; } = 3;
    public TimeSpan StrikeWindow { get; init; } = TimeSpan.FromDays(30);
    /// <summary>A regular expression a display name must match (e.g. <c>^.+(爸爸|妈妈)$</c> in parent groups); empty: the roster name.</summary>
    public string NamePattern { get; init; } = "";

    /// <summary>Each rule's mode by its name; a rule not listed runs in its default mode.</summary>
    public IReadOnlyDictionary<string, RuleMode> Modes { get; init; } = new Dictionary<string, RuleMode>();

    public RuleMode ModeOf(string rule, RuleMode fallback) => Modes.TryGetValue(rule, out var mode) ? mode : fallback;

    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>How a rule acts: <see cref="Observe"/> records its verdict and sends nothing (how a school tries a policy).</summary>
public enum RuleMode { Off, Observe, Enforce }

public enum IssuerScope { Anyone, Owner, Listed }

/// <summary>A daily window, possibly across midnight (23:00–06:30), on chosen weekdays (empty: every day).</summary>
public sealed record QuietWindow(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek>? Days = null)
{
    public override string ToString() => $"{Start:HH\\:mm}–{End:HH\\:mm}";
}
