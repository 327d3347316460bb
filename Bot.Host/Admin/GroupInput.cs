using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Rules.Policy;

namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/groups/{chatId}</c>; <c>policy</c> holds overrides of the default policy in camelCase.</summary>
/// <param name="WebhookKey">The <c>key=</c> of the group robot's webhook URL; absent or null keeps the stored key, "" clears it.</param>
/// <param name="WebhookKeyExclusive">True: that key's robot is in this group alone, so it may be posted to even while the
/// group's chat id is not known (a post without chatid reaches only it); absent or null keeps the stored answer.</param>
/// <param name="ChatIdConfirmed">True: the group's chat id is WeCom's own, copied from WeCom, so posts may name it before
/// any callback from the group confirms it; absent, null or false changes nothing.</param>
public sealed partial record GroupInput(string? Name, string? WebhookKey, string? Owner, IReadOnlyList<string>? Members,
    IReadOnlyList<string>? Issuers, JsonObject? Policy, bool? WebhookKeyExclusive = null, bool? ChatIdConfirmed = null)
{
    public const int MaxName = 128;

    /// <summary>The first problem as (field, why), or null; a good policy is merged onto the defaults into <paramref name="effective"/>.</summary>
    public (string Field, string Problem)? Check(string chatId, GroupPolicy defaults, out GroupPolicy effective)
    {
        effective = defaults;
        if (WeComIds.ChatIdProblem(chatId) is { } badChat) return ("chatId", badChat);
        if (Name?.Trim().Length > MaxName) return ("name", $"must be at most {MaxName} characters");
        if (WebhookKey is { Length: > 0 } key && !KeyPattern().IsMatch(key))
            return ("webhookKey", "must be the key= value of the robot's webhook URL (letters, digits and -)");
        if (PersonInput.Blank(Owner) is { } owner && WeComIds.UserIdProblem(owner) is { } badOwner) return ("owner", badOwner);
        if (ListProblem("members", Members) is { } badMember) return badMember;
        if (ListProblem("issuers", Issuers) is { } badIssuer) return badIssuer;
        try
        {
            effective = PolicyJson.Merge(defaults, Policy, "policy.");
        }
        catch (PolicyException ex)
        {
            return (ex.Key, ex.Message[(ex.Key.Length + 1)..]);
        }

        return null;
    }

    /// <summary>How the audit log shows the key: whether it was set, kept or cleared, never its value.</summary>
    public string WebhookKeyChange => WebhookKey switch { null => "unchanged", "" => "cleared", _ => "set" };

    private static (string, string)? ListProblem(string field, IReadOnlyList<string>? ids)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i]?.Trim() ?? "";
            if (WeComIds.UserIdProblem(id) is { } bad) return ($"{field}[{i}]", bad);
            if (!seen.Add(id)) return ($"{field}[{i}]", $"lists {id} twice");
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex KeyPattern();
}
