using System.Collections;
using System.Globalization;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Host.Wording;

/// <summary>
/// A rule's <see cref="Explanation"/> in Chinese: its English wording looked up in <see cref="Catalogue"/> (the wording
/// with numbered places, as the rule wrote it), its values written the Chinese way — a member by name, a duration in
/// 分钟/小时/天, an instant on the group's clock. An explanation missing from the catalogue is shown in English rather
/// than not at all (<see cref="IsKnown"/> says so; a test runs the rules' branches and requires every one to be known).
/// </summary>
public static partial class Explanations
{
    public static string Chinese(Explanation why, Today today)
    {
        ArgumentNullException.ThrowIfNull(why);
        ArgumentNullException.ThrowIfNull(today);
        if (why.Separator is not null) return string.Join("；", why.Values.Select(v => Value(v, today)));
        return Catalogue.TryGetValue(why.Template, out var chinese)
            ? string.Format(CultureInfo.InvariantCulture, chinese, [.. why.Values.Select(v => Value(v, today))])
            : why.ToString();
    }

    /// <summary>A stored explanation (JSON, see <see cref="ExplanationJson"/>) in Chinese; a row from before they were stored in its English.</summary>
    public static string Chinese(string? stored, string english, Today today)
    {
        if (stored is null) return english;
        using var document = System.Text.Json.JsonDocument.Parse(stored);
        return Chinese(ExplanationJson.FromElement(document.RootElement), today);
    }

    /// <summary>Whether this explanation and every one inside it have their Chinese wording.</summary>
    public static bool IsKnown(Explanation why)
    {
        ArgumentNullException.ThrowIfNull(why);
        return (why.Separator is not null || Catalogue.ContainsKey(why.Template)) && why.Values.All(Known);

        static bool Known(object? value) => value switch
        {
            Explanation nested => IsKnown(nested),
            string => true,
            IEnumerable items => items.Cast<object?>().All(Known),
            _ => true,
        };
    }

    /// <summary>Each <see cref="PostingRoute.Reason"/> (English, for logs and the API) and its <see cref="PostingRoute.Explanation"/>.</summary>
    private static readonly Dictionary<string, string> RouteReasons =
        Enumerable.Range(0, 16).Select(bits => PostingRoute.Of(new GroupRouting((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0)))
            .DistinctBy(route => route.Reason).ToDictionary(route => route.Reason, route => route.Explanation, StringComparer.Ordinal);

    private static string Value(object? value, Today today) => value switch
    {
        null => "",
        // The askers' roles that commands name.
        "issuer" => "发布人",
        "owner" => "群主",
        "admin" => "管理员",
        "principal" => "校长",
        // The banned categories' keys that violations are recorded under.
        string key when BannedCategories.TryParseKey(key, out var category) => category.DisplayName(),
        // A posting route's reason, and the kinds of post the posting-route rule names.
        string reason when RouteReasons.TryGetValue(reason, out var chinese) => chinese,
        "notice" => "通知",
        "inspection" => "检查通报",
        string text => text,
        Explanation nested => Chinese(nested, today),
        NoticeStage stage => Names.Stage(stage),
        Who who => who.Name.Length > 0 ? who.Name : who.UserId,
        TimeSpan span => Clock.Duration(span),
        DateTimeOffset instant => today.At(instant),
        RuleMode mode => Names.Mode(mode),
        bool flag => flag ? "是" : "否",
        IEnumerable items => string.Join("、", items.Cast<object?>().Select(v => Value(v, today))),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
