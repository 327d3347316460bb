using System.Text.Json.Nodes;
using Bot.Host.Admin;
using Bot.Host.People;
using Bot.Host.Rules;
using Bot.Rules.Policy;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Groups;

/// <summary>A group as the admin API shows it: its overrides, the policy in effect, and the roster in order with names. Never the key.</summary>
public sealed record GroupView(string ChatId, string Name, bool WebhookKeySet, bool CallbackWebhookSet, string? Owner, IReadOnlyList<string> Issuers,
    IReadOnlyList<RosterMember> Members, JsonObject Policy, JsonObject EffectivePolicy, string? PolicyError, DateTimeOffset UpdatedAt,
    PostingRouteView PostingRoute, bool ChatIdKnown, bool WebhookKeyExclusive);

/// <summary>
/// Groups: settings, policy, roster — for the admin API and the dashboard alike, each change validated by
/// <see cref="GroupRules"/>, written and audited (as <c>group.*</c>) in one transaction.
/// </summary>
public sealed class GroupService(NpgsqlDataSource db, PolicyDefaults defaults, TimeProvider time)
{
    /// <summary>The admin API's PUT: every setting, the policy and the roster replaced.</summary>
    public async Task<Saved<GroupView>> ReplaceAsync(string chatId, GroupInput body, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Check(chatId, defaults.Policy) is { Count: > 0 } problems) return new Saved<GroupView>(null, problems);
        var (members, issuers, policy) = (Trimmed(body.Members), Trimmed(body.Issuers), body.Policy ?? []);
        var (name, owner) = (body.Name?.Trim() ?? "", PersonFields.Blank(body.Owner));
        return Saved.Done((await ChangeAsync(actor, chatId, async (connection, transaction, now) =>
        {
            await GroupConfigStore.UpsertAsync(connection, transaction, chatId, name, body.WebhookKey, owner, issuers, policy.ToJsonString(), members, now, ct,
                (body.WebhookKeyExclusive, body.ChatIdConfirmed));
            return ("group.saved", new { name, webhookKey = body.WebhookKeyChange, body.WebhookKeyExclusive, body.ChatIdConfirmed, owner, members, issuers, policy });
        }, ct))!);
    }

    /// <summary>
    /// Creates the group or changes its name, owner, (when not null) webhook key and what is known of its posting route
    /// (a null flag keeps its value); the roster and policy stay.
    /// </summary>
    public async Task<IReadOnlyList<Problem>> SaveSettingsAsync(string chatId, string name, string? owner, string? webhookKey, string actor, CancellationToken ct,
        (bool? WebhookKeyExclusive, bool? ChatIdConfirmed) routing = default)
    {
        if (GroupRules.Settings(chatId, name, owner, webhookKey) is { Count: > 0 } problems) return problems;
        await ChangeAsync(actor, chatId, async (connection, transaction, now) =>
        {
            await DirectoryEdits.UpsertGroupAsync(connection, transaction, chatId, name, owner, webhookKey, now, ct, routing);
            return ("group.saved", new
            {
                name, owner, webhookKey = webhookKey is null ? "unchanged" : webhookKey.Length == 0 ? "cleared" : "set",
                routing.WebhookKeyExclusive, routing.ChatIdConfirmed,
            });
        }, ct);
        return [];
    }

    /// <summary>The group's policy overrides and its issuers; refused whole, naming the setting, when they do not merge onto the defaults.</summary>
    public async Task<IReadOnlyList<Problem>> SavePolicyAsync(string chatId, JsonObject overrides, IReadOnlyList<string> issuers, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var problems = new List<Problem>(GroupRules.Members("issuers", issuers));
        if (GroupRules.Policy(defaults.Policy, overrides).Problem is { } bad) problems.Add(bad);
        if (problems.Count > 0) return problems;
        var found = await ChangeAsync(actor, chatId, async (connection, transaction, now) =>
            await GroupConfigStore.SetPolicyAsync(connection, transaction, chatId, overrides.ToJsonString(PolicyJson.Options), [.. issuers], now, ct)
                ? ("group.policy-saved", new { policy = overrides, issuers })
                : default, ct);
        return found is null ? [new Problem("chatId", $"没有群 {chatId}")] : [];
    }

    /// <summary>Adds a member at the end of the roster; with a name, the person is saved to the directory too (they must be, to be added).</summary>
    public async Task<IReadOnlyList<Problem>> AddMemberAsync(string chatId, PersonFields member, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (PersonRules.UserIdProblem(member.UserId) is { } badId) return [new Problem("userId", badId)];
        IReadOnlyList<Problem> problems = [];
        await ChangeAsync(actor, chatId, async (connection, transaction, now) =>
        {
            if (await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is null)
            {
                problems = [new Problem("chatId", $"没有群 {chatId}")];
                return default;
            }

            var known = await PeopleStore.GetAsync(connection, transaction, member.UserId, ct) is not null;
            if (!known && member.Name.Length == 0)
            {
                problems = [new Problem("name", $"{member.UserId} 不在通讯录中，请填写姓名")];
                return default;
            }

            if (member.Name.Length > 0)
            {
                problems = PersonRules.Check(member);
                if (problems.Count > 0) return default;
                await PeopleService.SaveAsync(connection, transaction, member, keepRole: true, actor, now, ct);
            }

            await DirectoryEdits.AddMembersAsync(connection, transaction, chatId, [member.UserId], now, ct);
            return ("group.member-added", new { userId = member.UserId });
        }, ct);
        return problems;
    }

    /// <summary>Takes a member off the roster; false when they were not on it.</summary>
    public async Task<bool> RemoveMemberAsync(string chatId, string userId, string actor, CancellationToken ct) =>
        await ChangeAsync(actor, chatId, async (connection, transaction, _) =>
            await DirectoryEdits.RemoveMemberAsync(connection, transaction, chatId, userId, ct) ? ("group.member-removed", new { userId }) : default, ct) is not null;

    public async Task<GroupView?> ViewAsync(string chatId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ViewAsync(connection, null, chatId, ct);
    }

    /// <summary>
    /// Runs a change and, when it says what it did (an audit action and detail), audits it and commits; when it returns
    /// nothing, nothing happened and nothing is committed. Returns the group as it is afterwards, or null.
    /// </summary>
    private async Task<GroupView?> ChangeAsync(string actor, string chatId,
        Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<(string Action, object Detail)>> change, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (action, detail) = await change(connection, transaction, now);
        if (action is null) return null;
        await AuditStore.WriteAsync(connection, transaction, now, actor, action, $"group:{chatId}", detail, ct);
        var view = await ViewAsync(connection, transaction, chatId, ct);
        await transaction.CommitAsync(ct);
        return view;
    }

    private async Task<GroupView?> ViewAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct)
    {
        if (await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is not { } group) return null;
        var roster = await GroupConfigStore.RosterAsync(connection, transaction, chatId, ct);
        var overrides = JsonNode.Parse(group.Policy) as JsonObject ?? [];
        // Overrides stored before the defaults changed may no longer merge: show the defaults and name the bad key.
        var (effective, problem) = GroupRules.Policy(defaults.Policy, overrides);
        return new GroupView(group.ChatId, group.Name, group.WebhookKeySet, group.CallbackWebhookSet, group.Owner, group.Issuers, roster,
            overrides, PolicyJson.ToJson(effective ?? defaults.Policy), problem?.Message, group.UpdatedAt,
            PostingRouteView.Of(group.Route), group.ChatIdKnown, group.WebhookKeyExclusive);
    }

    private static List<string> Trimmed(IReadOnlyList<string>? ids) => ids?.Select(m => m.Trim()).ToList() ?? [];
}
