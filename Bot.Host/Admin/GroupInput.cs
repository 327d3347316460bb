using System.Text.Json.Nodes;
using Bot.Host.People;
using Bot.Host.Groups;
using Bot.Rules.Policy;

namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/groups/{chatId}</c>; <c>policy</c> holds overrides of the default policy in camelCase.</summary>
/// <param name="WebhookKey">The <c>key=</c> of the group robot's webhook URL; absent or null keeps the stored key, "" clears it.</param>
/// <param name="WebhookKeyExclusive">True: that key's robot is in this group alone, so it may be posted to even while the
/// group's chat id is not known (a post without chatid reaches only it); absent or null keeps the stored answer.</param>
/// <param name="ChatIdConfirmed">True: the group's chat id is WeCom's own, copied from WeCom, so posts may name it before
/// any callback from the group confirms it; absent, null or false changes nothing.</param>
public sealed record GroupInput(string? Name, string? WebhookKey, string? Owner, IReadOnlyList<string>? Members,
    IReadOnlyList<string>? Issuers, JsonObject? Policy, bool? WebhookKeyExclusive = null, bool? ChatIdConfirmed = null)
{
    /// <summary>Every problem, by the same rules as the dashboard's forms; none when the group can be stored.</summary>
    public IReadOnlyList<Problem> Check(string chatId, GroupPolicy defaults)
    {
        var problems = new List<Problem>(GroupRules.Settings(chatId, Name?.Trim() ?? "", PersonFields.Blank(Owner), WebhookKey));
        problems.AddRange(GroupRules.Members("members", Members));
        problems.AddRange(GroupRules.Members("issuers", Issuers));
        if (GroupRules.Policy(defaults, Policy).Problem is { } badPolicy) problems.Add(badPolicy);
        return problems;
    }

    /// <summary>How the audit log shows the key: whether it was set, kept or cleared, never its value.</summary>
    public string WebhookKeyChange => WebhookKey switch { null => "unchanged", "" => "cleared", _ => "set" };
}
