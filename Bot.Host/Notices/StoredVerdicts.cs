using System.Text.Json;
using Bot.Rules.Pipeline;

namespace Bot.Host.Notices;

/// <summary>One stored verdict of a message: the rule, what it found, and why (rows from before explanations were kept read as their English).</summary>
public sealed record StoredVerdict(string Rule, Outcome Outcome, Explanation Why);

public static class StoredVerdicts
{
    /// <summary>The verdicts as <c>inbound_messages.verdicts</c> holds them; an unreadable entry is left out.</summary>
    public static IReadOnlyList<StoredVerdict> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array) return [];
        var verdicts = new List<StoredVerdict>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (!element.TryGetProperty("rule", out var rule) || !element.TryGetProperty("outcome", out var outcome)) continue;
            var why = element.TryGetProperty("why", out var structured) && structured.ValueKind == JsonValueKind.Object ? ExplanationJson.FromElement(structured)
                : Explanation.FromString(element.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "");
            verdicts.Add(new StoredVerdict(rule.GetString() ?? "", Enum.TryParse<Outcome>(outcome.GetString(), out var o) ? o : Outcome.Pass, why));
        }

        return verdicts;
    }
}
