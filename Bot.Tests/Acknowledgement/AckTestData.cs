using Bot.Host.WeCom;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// A school's staff group: 王主任 (教务处) issues notices, 陈老师 owns the group, 周校长 is the principal.
/// Supervisors: 张三 and 李四 answer to 王主任, 王五 and 赵六 to 刘主任; 钱七 has none and 孙八's (老李) has left
/// the directory, so both of them go to the group owner.
/// </summary>
internal static class AckTestData
{
    public const string Chat = "wrk-staff";
    public const string Phrase = "我已知晓，马上照办";
    public const string RectificationPhrase = "存在问题我已清楚，将立即整改";

    public const string NoticeText = "明天（11月26日）上午8:00在三楼会议室召开全体教师会议，请准时参加。收到请回复：我已知晓，马上照办（坚决执行）！";

    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>A moment of November 2026 on Shanghai's clock.</summary>
    public static DateTimeOffset At(int day, int hour, int minute = 0, int second = 0) => new(2026, 11, day, hour, minute, second, Shanghai);

    public static readonly DateTimeOffset Morning = At(25, 8);

    public static readonly IReadOnlyDictionary<string, Person> People = new[]
    {
        new Person("zhou", "周校长", "校长室", null, "principal"),
        new Person("wang", "王主任", "教务处", "zhou", null),
        new Person("liu", "刘主任", "数学组", "zhou", null),
        new Person("chen", "陈老师", "办公室", "zhou", null),
        new Person("zhangsan", "张三", "语文组", "wang", null),
        new Person("lisi", "李四", "语文组", "wang", null),
        new Person("wangwu", "王五", "数学组", "liu", null),
        new Person("zhaoliu", "赵六", "数学组", "liu", null),
        new Person("qianqi", "钱七", "体育组", null, null),
        new Person("sunba", "孙八", "", "laoli", null),
        new Person("admin", "教务员", "办公室", "zhou", "admin"),
    }.ToDictionary(p => p.UserId);

    /// <summary>The roster, in the order reminders list people.</summary>
    public static readonly IReadOnlyList<string> Roster = ["chen", "wang", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi", "sunba"];

    /// <summary>The six teachers a notice from 王主任 is usually put to in these tests.</summary>
    public static readonly IReadOnlyList<string> Teachers = ["zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi", "sunba"];

    public static GroupState State(
        GroupPolicy? policy = null,
        IEnumerable<NoticeState>? notices = null,
        IEnumerable<RectificationState>? rectifications = null,
        IReadOnlyList<string>? roster = null,
        string? owner = "chen",
        IReadOnlyList<string>? issuers = null,
        IReadOnlyDictionary<string, Person>? people = null) =>
        new(
            new GroupInfo(Chat, "七年级教师工作群", "webhook-key", owner, roster ?? Roster, issuers ?? []),
            policy ?? new GroupPolicy(),
            people ?? People,
            notices?.ToList() ?? [],
            rectifications?.ToList() ?? [],
            [],
            0);

    /// <summary>A group text as the parser hands it over: the bot's mention stripped, the other mentions listed.</summary>
    public static InboundMessage Text(string sender, string text, DateTimeOffset? at = null)
    {
        var (_, mentions) = MentionText.Split(text, []);
        return Message(sender, MessageKind.Text, text.Trim(), mentions, at);
    }

    public static InboundMessage Media(string sender, MessageKind kind, DateTimeOffset? at = null) =>
        Message(sender, kind, "", [], at);

    private static InboundMessage Message(string sender, MessageKind kind, string text, IReadOnlyList<string> mentions, DateTimeOffset? at) =>
        new($"msg-{Guid.NewGuid():N}", Channel.Robot, Chat, ChatType.Group, sender, People.TryGetValue(sender, out var p) ? p.Name : sender,
            kind, kind.ToString().ToLowerInvariant(), text, mentions, null, null, null, at ?? Morning);

    /// <summary>An open notice from 王主任 put to <paramref name="asked"/> (default: the six teachers), due two hours later.</summary>
    public static NoticeState Notice(
        long id = 1,
        DateTimeOffset? postedAt = null,
        IEnumerable<string>? asked = null,
        string issuer = "wang",
        string text = NoticeText,
        string phrase = Phrase)
    {
        var posted = postedAt ?? Morning;
        return new NoticeState(id, Chat, issuer, text, phrase, posted, posted + TimeSpan.FromHours(2), null, null, NoticeStage.Open,
            (asked ?? Teachers).Select(u => new Duty(u, null, false, null, false)).ToList());
    }

    public static NoticeState Replied(this NoticeState notice, string userId, DateTimeOffset at) =>
        notice.WithDuty(userId, d => d with { RepliedAt = at, Late = at > notice.ReplyDeadline });

    public static NoticeState Explained(this NoticeState notice, string userId, DateTimeOffset at) =>
        notice.WithDuty(userId, d => d with { ExplainedAt = at });

    public static NoticeState Hinted(this NoticeState notice, string userId, DateTimeOffset at) =>
        notice.WithDuty(userId, d => d with { HintedAt = at });

    public static NoticeState Reminded(this NoticeState notice, DateTimeOffset at, DateTimeOffset explanationDeadline) =>
        notice with { Stage = NoticeStage.Reminded, RemindedAt = at, ExplanationDeadline = explanationDeadline };

    private static NoticeState WithDuty(this NoticeState notice, string userId, Func<Duty, Duty> change) =>
        notice with { Duties = notice.Duties.Select(d => d.UserId == userId ? change(d) : d).ToList() };

    public const string InspectionText = "【检查通报】今日午休巡查，七(3)班纪律较差， @张三 @李四 请立即整改。";

    /// <summary>A rectification 王主任 opened for <paramref name="member"/>, awaiting their reply.</summary>
    public static RectificationState Rectification(long id = 1, string member = "zhangsan", DateTimeOffset? postedAt = null)
    {
        var posted = postedAt ?? Morning;
        return new RectificationState(id, Chat, "wang", member, InspectionText, posted, posted + TimeSpan.FromHours(2),
            null, null, null, RectificationStage.AwaitingReply);
    }

    public static RectificationState Answered(this RectificationState r, DateTimeOffset at) =>
        r with { RepliedAt = at, EvidenceDeadline = at + TimeSpan.FromDays(1), Stage = RectificationStage.AwaitingEvidence };

    public static IReadOnlyList<T> Of<T>(this IEnumerable<Effect> effects) => effects.OfType<T>().ToList();
}
