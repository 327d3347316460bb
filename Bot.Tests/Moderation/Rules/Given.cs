using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Moderation;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Tests.Moderation.Rules;

/// <summary>
/// A staff group of a school in Asia/Shanghai, and posts to it. Instants carry explicit offsets: the tests run with
/// TZ=America/Los_Angeles, so nothing may lean on the machine's clock or zone.
/// </summary>
internal static class Given
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public const string ChatId = "wrkStaff";
    public const string Owner = "chen";

    public static readonly IReadOnlyDictionary<string, Person> People = new Dictionary<string, Person>
    {
        ["chen"] = new("chen", "陈校长", "校长室", null, "principal"),
        ["zhangsan"] = new("zhangsan", "张三", "语文组", "chen", null),
        ["lisi"] = new("lisi", "李四", "数学组", "chen", null),
        ["wangwu"] = new("wangwu", "王五", "英语组", "chen", null),
        ["zhaoliu"] = new("zhaoliu", "赵六", "后勤处", "chen", null),
    };

    public static readonly GroupInfo Group = new(ChatId, "教职工群", "key-1", Owner, ["chen", "zhangsan", "lisi", "wangwu"], []);

    /// <summary>A time on Wednesday 2026-11-25 in Shanghai, written "23:05".</summary>
    public static DateTimeOffset At(string clock) => On("2026-11-25", clock);

    /// <summary>A date and time in Shanghai: <c>On("2026-11-27", "23:30")</c>.</summary>
    public static DateTimeOffset On(string date, string clock) => On(date, clock, Shanghai);

    public static DateTimeOffset On(string date, string clock, TimeSpan offset)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = TimeOnly.ParseExact(clock, ["H:mm", "H:mm:ss"], CultureInfo.InvariantCulture);
        return new DateTimeOffset(day.ToDateTime(time), offset);
    }

    public static InboundMessage Post(string sender, string text, DateTimeOffset at, string? shownName = null, IReadOnlyList<string>? mentions = null, MessageKind kind = MessageKind.Text) =>
        new(
            DedupeKey: $"m-{sender}-{at.ToUnixTimeMilliseconds()}",
            Channel: Channel.AiBot,
            ChatId: ChatId,
            ChatType: ChatType.Group,
            SenderId: sender,
            SenderName: shownName ?? (People.TryGetValue(sender, out var p) ? p.Name : sender),
            Kind: kind,
            RawKind: kind.ToString(),
            Text: text,
            Mentions: mentions ?? [],
            Quote: null,
            ReplyUrl: null,
            EventName: null,
            ReceivedAt: at);

    public static GroupState State(GroupPolicy? policy = null, IReadOnlyList<RecentPost>? recent = null, int strikes = 0, GroupInfo? group = null) =>
        new(group ?? Group, policy ?? new GroupPolicy(), People, [], [], recent ?? [], strikes);

    public static RecentPost Recent(string sender, string text, DateTimeOffset at, params string[] mentions) => new(sender, text, mentions, at);

    public static QuietWindow Window(string start, string end, params DayOfWeek[] days) =>
        new(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture), days.Length == 0 ? null : days);
}

/// <summary>A scanner that finds the listed words by plain search, as a stand-in for the word matcher.</summary>
internal sealed class FakeScanner(params (string Word, string Key, string Name)[] words) : IContentScanner
{
    public int Scans { get; private set; }

    public IReadOnlyList<ContentHit> Scan(string text)
    {
        Scans++;
        var hits = new List<ContentHit>();
        for (var entry = 0; entry < words.Length; entry++)
        {
            var (word, key, name) = words[entry];
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                hits.Add(new ContentHit(at, word.Length, key, name, $"list entry {entry}"));
            }
        }

        return [.. hits.OrderBy(hit => hit.Start)];
    }
}
