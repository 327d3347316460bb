using System.Globalization;
using System.Text.Json.Nodes;
using Bot.Host.Groups;
using Bot.Host.Wording;
using Bot.Rules.Policy;

namespace Bot.Host.Dashboard.Policy;

/// <summary>What a posted policy form comes to: the group's new overrides and issuers, or a problem per field.</summary>
public sealed record PolicyChange(JsonObject? Overrides, IReadOnlyList<string> Issuers, IReadOnlyDictionary<string, string> Errors);

public sealed partial class PolicyForm
{
    private const int MaxWords = 30;
    private const int MaxWordLength = 50;

    /// <summary>
    /// Reads the posted form onto the group's <paramref name="current"/> policy and issuers (a field not posted keeps its
    /// value), checks every field, and returns as overrides the settings that then differ from <paramref name="defaults"/>.
    /// </summary>
    public PolicyChange Read(GroupPolicy current, GroupPolicy defaults, IReadOnlyList<string> issuers)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(defaults);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var posted = new JsonObject();
        foreach (var (key, nextDay) in Durations)
            if (Has($"{key}.amount") || Has($"{key}.unit")) posted[key] = Duration(key, nextDay, errors);
        foreach (var key in Lists)
            if (Has(key)) posted[key] = Words(key, errors);
        foreach (var key in Texts)
            if (Has(key)) posted[key] = Value(key).Trim();
        foreach (var key in Numbers)
            if (Has(key)) posted[key] = Number(key, errors);
        foreach (var key in MemberSets.Where(k => k != IssuerList && Has($"{k}.shown"))) posted[key] = Members(key, errors);
        if (Has("issuers")) posted["issuers"] = Enum.TryParse<IssuerScope>(Value("issuers"), out var scope) ? scope.ToString() : Error(errors, "issuers", "请选择谁可以发布通知");
        foreach (var key in Flags.Where(f => Has($"{f}.shown"))) posted[key] = All(key).Contains("on");
        if (Has("quietHours.count")) posted["quietHours"] = QuietHours(errors);
        if (_values.Keys.Any(k => k.StartsWith("modes.", StringComparison.Ordinal))) posted["modes"] = Modes(current, errors);
        var newIssuers = Has($"{IssuerList}.shown") ? [.. Members(IssuerList, errors).Select(n => n!.GetValue<string>())] : issuers;
        if (errors.Count > 0) return new PolicyChange(null, newIssuers, errors);

        var (merged, problem) = GroupRules.Policy(current, posted);
        if (problem is not null || merged is null)
            return new PolicyChange(null, newIssuers, new Dictionary<string, string> { [FieldOf(problem!.Field)] = problem.Message });
        return new PolicyChange(Overrides(merged, defaults), newIssuers, errors);
    }

    /// <summary>The settings of <paramref name="policy"/> that differ from the defaults: what the group overrides.</summary>
    public static JsonObject Overrides(GroupPolicy policy, GroupPolicy defaults)
    {
        var (mine, theirs) = (PolicyJson.ToJson(policy), PolicyJson.ToJson(defaults));
        var overrides = new JsonObject();
        foreach (var (key, value) in mine)
            if (!JsonNode.DeepEquals(value, theirs[key])) overrides[key] = value?.DeepClone();
        return overrides;
    }

    private JsonNode? Duration(string key, bool nextDay, Dictionary<string, string> errors)
    {
        var unit = Value($"{key}.unit");
        if (nextDay && unit == NextDay) return null;
        var size = Units.FirstOrDefault(u => u.Unit == unit).Size;
        if (size == TimeSpan.Zero) return Error(errors, key, "请选择时长的单位");
        if (!int.TryParse(Value($"{key}.amount").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            return Error(errors, key, $"「{PolicyLabels.Of(key)}」须为正整数");
        var span = size * amount;
        if (span > TimeSpan.FromDays(400)) return Error(errors, key, $"「{PolicyLabels.Of(key)}」最长400天");
        return span.ToString("c", CultureInfo.InvariantCulture);
    }

    private JsonArray Words(string key, Dictionary<string, string> errors)
    {
        var words = Value(key).Split('\n').Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count > MaxWords) Error(errors, key, $"最多{MaxWords}个");
        if (words.FirstOrDefault(w => w.Length > MaxWordLength) is { } tooLong) Error(errors, key, $"「{tooLong[..10]}…」太长，每个最多{MaxWordLength}个字");
        return new JsonArray([.. words.Select(w => JsonValue.Create(w))]);
    }

    private JsonNode? Number(string key, Dictionary<string, string> errors) =>
        int.TryParse(Value(key).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 100_000
            ? number : Error(errors, key, $"「{PolicyLabels.Of(key)}」须为正整数");

    private JsonArray Members(string key, Dictionary<string, string> errors)
    {
        var ids = All(key).Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (GroupRules.Members(key, ids) is [var bad, ..]) Error(errors, key, bad.Message);
        return new JsonArray([.. ids.Select(i => JsonValue.Create(i))]);
    }

    private JsonArray QuietHours(Dictionary<string, string> errors)
    {
        var windows = new JsonArray();
        // The rows shown, and the empty row after them where a new window is typed.
        for (var i = 0; i <= Windows; i++)
        {
            var (start, end) = (Value($"quietHours[{i}].start").Trim(), Value($"quietHours[{i}].end").Trim());
            if (All($"quietHours[{i}].remove").Contains("on") || start.Length == 0 && end.Length == 0) continue;
            if (!TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(end, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                Error(errors, $"quietHours[{i}]", "请填写开始和结束时间，例如 23:00 和 06:30");
                continue;
            }

            if (from == to) Error(errors, $"quietHours[{i}]", "开始和结束不能是同一时间");
            var days = All($"quietHours[{i}].days").Select(d => int.TryParse(d, out var n) && n is >= 0 and <= 6 ? n : -1).Where(n => n >= 0).Distinct().ToList();
            windows.Add(new JsonObject
            {
                ["start"] = start,
                ["end"] = end,
                // None or all seven days: every day.
                ["days"] = days.Count is 0 or 7 ? null : new JsonArray([.. days.Order().Select(d => JsonValue.Create(((DayOfWeek)d).ToString()))]),
            });
        }

        return windows;
    }

    private JsonObject Modes(GroupPolicy current, Dictionary<string, string> errors)
    {
        var modes = new JsonObject();
        foreach (var rule in Rules.RuleEngine.Rules)
        {
            var mode = Has($"modes.{rule.Name}") ? Value($"modes.{rule.Name}") : current.ModeOf(rule.Name, rule.DefaultMode).ToString();
            if (!Enum.TryParse<RuleMode>(mode, out var parsed)) Error(errors, $"modes.{rule.Name}", "请选择关闭、观察或执行");
            else if (parsed != rule.DefaultMode) modes[rule.Name] = parsed.ToString();
        }

        return modes;
    }

    /// <summary>A problem named <c>policy.quietHours</c> by the merge belongs to the form's field <c>quietHours</c>.</summary>
    private static string FieldOf(string key) => key.StartsWith("policy.", StringComparison.Ordinal) ? key["policy.".Length..].Split('.', '[')[0] : key;

    private static JsonNode? Error(Dictionary<string, string> errors, string field, string message)
    {
        errors.TryAdd(field, message);
        return null;
    }
}
