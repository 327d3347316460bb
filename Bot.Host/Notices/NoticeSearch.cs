using System.Globalization;
using Bot.Host.Wording;
using Bot.Rules.State;
using Bot.Storage;

namespace Bot.Host.Notices;

/// <summary>
/// A search of the notices' history as a person asks it — dates on the school's calendar (<c>from</c>, <c>to</c>, both
/// included), a group, an issuer, a state, words of the text — read from a page's or the API's query string.
/// </summary>
public sealed record NoticeSearch(string From, string To, string Chat, string Issuer, string Stage, string Text)
{
    public static NoticeSearch Of(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string Get(string key) => query[key].ToString().Trim();
        return new NoticeSearch(Get("from"), Get("to"), Get("chat"), Get("issuer"), Get("stage"), Get("q"));
    }

    /// <summary>The filter for storage, the day bounds on <paramref name="zone"/>'s calendar; or what is wrong with the search.</summary>
    public (NoticeFilter? Filter, IReadOnlyList<Problem> Problems) Filter(TimeZoneInfo zone)
    {
        var problems = new List<Problem>();
        var from = Day("from", From, zone, problems);
        var to = Day("to", To, zone, problems);
        if (from is { } start && to is { } end && end < start) problems.Add(new("to", "结束日期不能早于开始日期"));
        if (Stage.Length > 0 && !Enum.TryParse<NoticeStage>(Stage, out _)) problems.Add(new("stage", "没有这种状态"));
        if (Text.Length > 100) problems.Add(new("q", "搜索的文字最多100个字"));
        return problems.Count > 0 ? (null, problems)
            : (new NoticeFilter(from, to?.AddDays(1), Blank(Chat), Blank(Issuer), Blank(Stage), Blank(Text)), problems);
    }

    /// <summary>The search as a query string, for links to the next page and to the export.</summary>
    public string Query(int page = 1) => string.Join("&", new[] { ("from", From), ("to", To), ("chat", Chat), ("issuer", Issuer), ("stage", Stage), ("q", Text) }
        .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")
        .Append(page > 1 ? $"page={page.ToString(CultureInfo.InvariantCulture)}" : "").Where(p => p.Length > 0));

    private static DateTimeOffset? Day(string field, string text, TimeZoneInfo zone, List<Problem> problems)
    {
        if (text.Length == 0) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add(new(field, "日期应写成 2026-11-29 这样"));
            return null;
        }

        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
