using System.Globalization;
using Bot.Host.Rules;
using Bot.Rules.Policy;
using Microsoft.Extensions.Primitives;

namespace Bot.Host.Dashboard.Policy;

/// <summary>
/// The policy form's fields as text, as the page shows them and as they come back: built from a group's policy to show
/// it, or from a post to save it (and to show it again, with what was typed, when a field is wrong). A field that is not
/// in a post keeps the group's current value, so an empty or partial post never wipes a setting.
/// </summary>
public sealed partial class PolicyForm
{
    /// <summary>The durations of the form and whether they may be 「至第二天结束」 (the explanation window's null).</summary>
    public static readonly IReadOnlyList<(string Key, bool NextDay)> Durations =
    [
        ("replyWindow", false), ("explanationWindow", true), ("rectificationWindow", false), ("floodWindow", false),
        ("privateChatWindow", false), ("recallWindow", false), ("strikeWindow", false),
    ];

    /// <summary>Words one per line.</summary>
    public static readonly IReadOnlyList<string> Lists =
        ["requestMarkers", "noReplyMarkers", "explanationMarkers", "inspectionMarkers", "evidenceMarkers", "urgencyMarkers"];

    public static readonly IReadOnlyList<string> Texts = ["ackPhrase", "rectificationPhrase", "namePattern", "timeZone", "botName"];

    /// <summary>Yes-or-no settings, each a checkbox with a hidden 「.shown」 (an unticked box sends nothing).</summary>
    public static readonly IReadOnlyList<string> Flags = ["announceEscalations", "announceTracking", "phraseHints"];

    public static readonly IReadOnlyList<string> Numbers = ["maxLength", "floodRepeats", "floodPosts", "privateChatTurns", "strikeLimit"];

    /// <summary>Members picked from the roster: two of the policy's lists, and the group's own list of issuers.</summary>
    public static readonly IReadOnlyList<string> MemberSets = ["exemptMembers", "quietHoursExempt", IssuerList];

    /// <summary>The group's issuers (who may issue notices when the policy says 「群主和指定的发布人」); not part of the policy.</summary>
    public const string IssuerList = "issuerList";

    /// <summary>Units of a duration as the form offers them, largest first.</summary>
    public static readonly IReadOnlyList<(string Unit, string Name, TimeSpan Size)> Units =
        [("d", "天", TimeSpan.FromDays(1)), ("h", "小时", TimeSpan.FromHours(1)), ("m", "分钟", TimeSpan.FromMinutes(1)), ("s", "秒", TimeSpan.FromSeconds(1))];

    public const string NextDay = "nextday";

    private readonly Dictionary<string, StringValues> _values;

    private PolicyForm(Dictionary<string, StringValues> values) => _values = values;

    public string Value(string field) => _values.TryGetValue(field, out var v) ? v.ToString() : "";

    public IReadOnlyList<string> All(string field) => _values.TryGetValue(field, out var v) ? [.. v.OfType<string>()] : [];

    public bool Has(string field) => _values.ContainsKey(field);

    /// <summary>How many quiet-hour windows the form holds (the page adds an empty one for a new window).</summary>
    public int Windows => int.TryParse(Value("quietHours.count"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 20) : 0;

    /// <summary>The form as it shows <paramref name="policy"/> and the group's <paramref name="issuers"/>.</summary>
    public static PolicyForm Of(GroupPolicy policy, IReadOnlyList<string> issuers)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var json = PolicyJson.ToJson(policy);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, nextDay) in Durations)
        {
            var span = json[key] is { } value ? TimeSpan.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture) : (TimeSpan?)null;
            var (amount, unit) = span is { } s ? Split(s) : ("", nextDay ? NextDay : "h");
            values[$"{key}.amount"] = amount;
            values[$"{key}.unit"] = unit;
        }

        foreach (var key in Lists) values[key] = string.Join("\n", json[key]!.AsArray().Select(v => v!.GetValue<string>()));
        foreach (var key in Texts) values[key] = json[key]!.GetValue<string>();
        foreach (var key in Numbers) values[key] = json[key]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        values["exemptMembers"] = new StringValues([.. policy.ExemptMembers]);
        values["quietHoursExempt"] = new StringValues([.. policy.QuietHoursExempt]);
        values[IssuerList] = new StringValues([.. issuers]);
        foreach (var key in MemberSets) values[$"{key}.shown"] = "1";
        values["issuers"] = policy.Issuers.ToString();
        foreach (var key in Flags)
        {
            values[key] = json[key]!.GetValue<bool>() ? "on" : "";
            values[$"{key}.shown"] = "1";
        }

        values["quietHours.count"] = policy.QuietHours.Count.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < policy.QuietHours.Count; i++)
        {
            var window = policy.QuietHours[i];
            values[$"quietHours[{i}].start"] = window.Start.ToString("HH:mm", CultureInfo.InvariantCulture);
            values[$"quietHours[{i}].end"] = window.End.ToString("HH:mm", CultureInfo.InvariantCulture);
            values[$"quietHours[{i}].days"] = new StringValues([.. (window.Days ?? []).Select(d => ((int)d).ToString(CultureInfo.InvariantCulture))]);
        }

        foreach (var rule in RuleEngine.Rules) values[$"modes.{rule.Name}"] = policy.ModeOf(rule.Name, rule.DefaultMode).ToString();
        return new PolicyForm(values);
    }

    /// <summary>The form as posted: only the fields it knows, as they were typed.</summary>
    public static PolicyForm Of(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
            if (IsField(key)) values[key] = value;
        return new PolicyForm(values);
    }

    /// <summary>This form with the fields of <paramref name="posted"/> as they were typed: a refused post shown again.</summary>
    public PolicyForm With(PolicyForm posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        var values = new Dictionary<string, StringValues>(_values, StringComparer.Ordinal);
        foreach (var (key, value) in posted._values) values[key] = value;
        // Checkboxes send nothing when none is ticked: a posted list that was shown is as posted, even empty.
        foreach (var key in MemberSets.Where(k => posted.Has($"{k}.shown") && !posted.Has(k))) values[key] = StringValues.Empty;
        return new PolicyForm(values);
    }

    /// <summary>A duration as an amount of the largest unit that divides it: 2 小时, 30 秒.</summary>
    private static (string Amount, string Unit) Split(TimeSpan span)
    {
        var (unit, _, size) = Units.First(u => span.Ticks % u.Size.Ticks == 0 || u.Unit == "s");
        return ((span.Ticks / size.Ticks).ToString(CultureInfo.InvariantCulture), unit);
    }

    private static bool IsField(string key) =>
        Durations.Any(d => key == $"{d.Key}.amount" || key == $"{d.Key}.unit")
        || Lists.Contains(key) || Texts.Contains(key) || Numbers.Contains(key)
        || MemberSets.Any(m => key == m || key == $"{m}.shown")
        || Flags.Any(f => key == f || key == $"{f}.shown")
        || key is "issuers" or "quietHours.count"
        || key.StartsWith("quietHours[", StringComparison.Ordinal) || key.StartsWith("modes.", StringComparison.Ordinal);
}
