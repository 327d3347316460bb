using System.Globalization;
using System.Text.Json.Nodes;
using Bot.Rules.Policy;
using Microsoft.Extensions.Options;

namespace Bot.Host.Rules;

/// <summary>
/// Reads the <c>Policy</c> section into the default <see cref="GroupPolicy"/>, through the same JSON merge as a group's
/// overrides, so a bad value stops the host with its key named (<c>Policy:ReplyWindow …</c>).
/// </summary>
public static class PolicyConfiguration
{
    public static GroupPolicy Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Policy");
        var overrides = ToJson(section) as JsonObject;
        try
        {
            var policy = PolicyJson.Merge(new GroupPolicy(), overrides, "Policy:");
            PolicyJson.Validate(policy, "Policy:");
            return policy;
        }
        catch (PolicyException ex)
        {
            var key = ex.Key.StartsWith("Policy:", StringComparison.Ordinal) ? "Policy:" + Pascal(ex.Key["Policy:".Length..]) : ex.Key;
            throw new OptionsValidationException(key, typeof(GroupPolicy), [$"{key} {ex.Message[(ex.Key.Length + 1)..]}"]);
        }
    }

    /// <summary>Configuration holds only strings: numbers, booleans and lists are recognised as JSON would write them.</summary>
    private static JsonNode? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0) return Scalar(section.Value);
        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return new JsonArray(children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)).Select(ToJson).ToArray());
        var json = new JsonObject();
        foreach (var child in children) json[Camel(child.Key)] = ToJson(child);
        return json;
    }

    private static JsonValue? Scalar(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (bool.TryParse(value, out var flag)) return JsonValue.Create(flag);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(value);
    }

    private static string Camel(string key) => key.Length == 0 || char.IsLower(key[0]) || key.Contains(':', StringComparison.Ordinal) ? key : char.ToLowerInvariant(key[0]) + key[1..];

    private static string Pascal(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
}
