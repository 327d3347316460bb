using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Bot.Rules.Policy;

/// <summary>
/// Reads and merges policies as JSON with camelCase names: the configured default is overlaid key by key with a
/// group's overrides. One path for both, so a bad value is reported the same way, naming the key.
/// </summary>
public static class PolicyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new HourMinuteConverter() },
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToJson(GroupPolicy policy) => (JsonObject)JsonSerializer.SerializeToNode(policy, Options)!;

    /// <summary>Overlays <paramref name="overrides"/> on <paramref name="basis"/>; throws <see cref="PolicyException"/> naming the key.</summary>
    public static GroupPolicy Merge(GroupPolicy basis, JsonObject? overrides, string keyPrefix = "policy.")
    {
        if (overrides is null || overrides.Count == 0) return basis;
        var merged = ToJson(basis);
        foreach (var (key, value) in overrides)
        {
            var name = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new PolicyException($"{keyPrefix}{key}", "is not a policy setting");
            merged[name] = value?.DeepClone();
        }

        GroupPolicy policy;
        try
        {
            policy = merged.Deserialize<GroupPolicy>(Options)!;
        }
        catch (JsonException ex)
        {
            var key = ex.Path is { Length: > 2 } path ? path[2..] : "?";
            throw new PolicyException($"{keyPrefix}{key}", $"has an invalid value ({FirstLine(ex.Message)})");
        }

        Validate(policy, keyPrefix);
        return policy;
    }

    public static void Validate(GroupPolicy policy, string keyPrefix)
    {
        void Require(bool ok, string key, string expected)
        {
            if (!ok) throw new PolicyException(keyPrefix + key, expected);
        }

        Require(TimeZoneInfo.TryFindSystemTimeZoneById(policy.TimeZone, out _), "timeZone", $"must be an IANA time zone such as Asia/Shanghai (got \"{policy.TimeZone}\")");
        Require(policy.ReplyWindow > TimeSpan.Zero, "replyWindow", "must be a positive duration such as \"02:00:00\"");
        Require(policy.ExplanationWindow is null || policy.ExplanationWindow > TimeSpan.Zero, "explanationWindow", "must be a positive duration, or null for the end of the next day");
        Require(policy.RectificationWindow > TimeSpan.Zero, "rectificationWindow", "must be a positive duration such as \"1.00:00:00\"");
        Require(policy.FloodWindow > TimeSpan.Zero, "floodWindow", "must be a positive duration");
        Require(policy.PrivateChatWindow > TimeSpan.Zero, "privateChatWindow", "must be a positive duration");
        Require(policy.StrikeWindow > TimeSpan.Zero, "strikeWindow", "must be a positive duration");
        Require(policy.RecallWindow > TimeSpan.Zero, "recallWindow", "must be a positive duration");
        Require(policy.MaxLength > 0, "maxLength", "must be a positive number of characters");
        Require(policy.StrikeLimit > 0, "strikeLimit", "must be at least 1");
        Require(policy.FloodRepeats > 1 && policy.FloodPosts > 1 && policy.PrivateChatTurns > 1, "floodRepeats", "flood and chat thresholds must be at least 2");
        Require(policy.RequestMarkers.Count > 0 && policy.RequestMarkers.All(m => m.Length > 0), "requestMarkers", "must list at least one non-empty marker");
        Require(policy.AckPhrase.Length > 0, "ackPhrase", "must not be empty");
        Require(policy.BotName.Trim().Length > 0, "botName", "must be the bot's name as members see it in the group");
        Require(policy.QuietHours.All(w => w.Start != w.End), "quietHours", "each window needs different Start and End times");
        Require(IsRegex(policy.NamePattern), "namePattern", "must be a valid regular expression or empty");
    }

    private static bool IsRegex(string pattern)
    {
        if (pattern.Length == 0) return true;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Split(" Path:")[0];

    /// <summary>Times of day as people write them: "23:00" (seconds optional).</summary>
    private sealed class HourMinuteConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeOnly.TryParseExact(reader.GetString(), ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw new JsonException("expected a time of day \"HH:mm\"");

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
    }
}

/// <summary>A policy value that cannot work; <see cref="Key"/> names it as the user wrote it.</summary>
public sealed class PolicyException(string key, string problem) : Exception($"{key} {problem}")
{
    public string Key { get; } = key;
}
