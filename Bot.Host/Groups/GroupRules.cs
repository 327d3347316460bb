using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Host.Admin;
using Bot.Host.People;
using Bot.Host.Wording;
using Bot.Rules.Policy;

namespace Bot.Host.Groups;

/// <summary>What a group's settings and policy must be to be stored, from the dashboard's forms or the admin API alike.</summary>
public static partial class GroupRules
{
    public const int MaxName = 128;

    /// <summary>The chat id, name, owner and webhook key (null: kept as it is, so not checked).</summary>
    public static IReadOnlyList<Problem> Settings(string chatId, string name, string? owner, string? webhookKey)
    {
        var problems = new List<Problem>();
        if (chatId.Length == 0) problems.Add(new("chatId", "请填写群 ID（chatid）"));
        else if (!WeComIds.IsChatId(chatId)) problems.Add(new("chatId", $"群 ID「{chatId}」无效：{WeComIds.RuleZh}，最长{WeComIds.MaxChatId}个字符"));
        if (name.Length > MaxName) problems.Add(new("name", $"群名称最多{MaxName}个字"));
        if (owner is not null && PersonRules.UserIdProblem(owner, "群主的账号") is { } badOwner) problems.Add(new("owner", badOwner));
        if (webhookKey is { Length: > 0 } && !WebhookKey().IsMatch(webhookKey))
            problems.Add(new("webhookKey", "Webhook key 是群机器人地址中 key= 后面的那一串（字母、数字和 -），不是整个地址"));
        return problems;
    }

    /// <summary>A list of members (roster, issuers, exempt members): valid user ids, none twice.</summary>
    public static IReadOnlyList<Problem> Members(string field, IReadOnlyList<string>? ids)
    {
        var problems = new List<Problem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i]?.Trim() ?? "";
            if (PersonRules.UserIdProblem(id) is { } bad) problems.Add(new($"{field}[{i}]", bad));
            else if (!seen.Add(id)) problems.Add(new($"{field}[{i}]", $"{id} 重复出现"));
        }

        return problems;
    }

    /// <summary>The group's overrides merged onto the defaults, or the problem, named by its key (<c>policy.replyWindow</c>).</summary>
    public static (GroupPolicy? Policy, Problem? Problem) Policy(GroupPolicy defaults, JsonObject? overrides)
    {
        try
        {
            return (PolicyJson.Merge(defaults, overrides, "policy."), null);
        }
        catch (PolicyException ex)
        {
            return (null, Of(ex));
        }
    }

    /// <summary>A refused policy value in the office's words, named by its key as written (<c>policy.replyWindow</c>).</summary>
    public static Problem Of(PolicyException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var key = (refused.Key.StartsWith("policy.", StringComparison.Ordinal) ? refused.Key["policy.".Length..] : refused.Key).Split('.', '[')[0];
        return new Problem(refused.Key, $"「{PolicyLabels.Of(key)}」{PolicyLabels.Expected(key)}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex WebhookKey();
}
