using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A group as the admin API shows it: whether a webhook key is set, never the key.</summary>
public sealed class GroupRecord
{
    public string ChatId { get; init; } = "";
    public string Name { get; init; } = "";
    public bool WebhookKeySet { get; init; }
    public bool CallbackWebhookSet { get; init; }
    public string? Owner { get; init; }
    public string[] Issuers { get; init; } = [];
    public string Policy { get; init; } = "{}";
    public long MemberCount { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool ChatIdKnown { get; init; }
    public bool HasWebhookKey { get; init; }
    public bool WebhookKeyExclusive { get; init; }
    public bool HasCallbackWebhook { get; init; }

    public Bot.Rules.State.PostingRoute Route => GroupRoutes.RouteOf(ChatIdKnown, HasWebhookKey, WebhookKeyExclusive, HasCallbackWebhook);
}

/// <summary>One member of a roster, in roster order, with their directory name (empty when not in the directory).</summary>
public sealed record RosterMember(string UserId, string Name, string Source, DateTimeOffset AddedAt);

/// <summary>What an administrator configures of a group: name, webhook key, owner, issuers, policy overrides and roster.</summary>
public static class GroupConfigStore
{
    // The key and the callback's WebhookUrl (which carries a key) are read only as "is it set".
    private const string Columns = """
        g.chat_id AS ChatId, g.name AS Name, coalesce(g.webhook_key, '') <> '' AS WebhookKeySet,
        g.callback_webhook_url IS NOT NULL AS CallbackWebhookSet, g.owner AS Owner, g.issuers AS Issuers, g.policy::text AS Policy,
        (SELECT count(*) FROM group_members m WHERE m.chat_id = g.chat_id) AS MemberCount, g.updated_at AS UpdatedAt,
        """ + GroupRoutes.RoutingColumns;

    /// <summary>
    /// Creates or replaces the group's settings and its roster (members in the given order, source 'admin').
    /// A null <paramref name="webhookKey"/> keeps the stored key: clients never read it back, so they cannot resend it.
    /// A null <paramref name="routing"/> flag keeps its stored value; posts held for the group are released to try again.
    /// </summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string name, string? webhookKey,
        string? owner, IReadOnlyList<string> issuers, string policyJson, IReadOnlyList<string> members, DateTimeOffset now, CancellationToken ct,
        (bool? WebhookKeyExclusive, bool? ChatIdConfirmed) routing = default)
    {
        var (exclusive, confirmed) = routing;
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO groups (chat_id, name, webhook_key, owner, issuers, policy, updated_at, webhook_key_exclusive, chat_id_known)
            VALUES (@chatId, @name, nullif(@webhookKey, ''), @owner, @issuers, @policyJson::jsonb, @now, coalesce(@exclusive, false), coalesce(@confirmed, false))
            ON CONFLICT (chat_id) DO UPDATE SET name = EXCLUDED.name,
                webhook_key = CASE WHEN @webhookKey::text IS NULL THEN groups.webhook_key ELSE EXCLUDED.webhook_key END,
                owner = EXCLUDED.owner, issuers = EXCLUDED.issuers, policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at,
                webhook_key_exclusive = coalesce(@exclusive, groups.webhook_key_exclusive),
                chat_id_known = groups.chat_id_known OR coalesce(@confirmed, false);
            {OutboxStore.ReleaseHeldSql} = @chatId
            """, new { chatId, name, webhookKey, owner, issuers = issuers.ToArray(), policyJson, now, exclusive, confirmed }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM group_members WHERE chat_id = @chatId", new { chatId }, transaction, cancellationToken: ct));
        // Positions are an identity: inserting in the given order keeps the roster's order.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO group_members (chat_id, user_id, source, added_at)
            SELECT @chatId, u, 'admin', @now FROM unnest(@members::text[]) WITH ORDINALITY AS m(u, n) ORDER BY n
            """, new { chatId, members = members.ToArray(), now }, transaction, cancellationToken: ct));
    }

    /// <summary>Sets the group's policy overrides and issuers; false when there is no such group.</summary>
    public static async Task<bool> SetPolicyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string policyJson,
        string[] issuers, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE groups SET policy = @policyJson::jsonb, issuers = @issuers, updated_at = @now WHERE chat_id = @chatId",
            new { chatId, policyJson, issuers, now }, transaction, cancellationToken: ct)) == 1;

    public static Task<GroupRecord?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<GroupRecord?>(new CommandDefinition(
            $"SELECT {Columns} FROM groups g WHERE g.chat_id = @chatId", new { chatId }, transaction, cancellationToken: ct));

    public static async Task<IReadOnlyList<GroupRecord>> ListAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<GroupRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM groups g ORDER BY g.name, g.chat_id", cancellationToken: ct))).ToList();

    public static async Task<IReadOnlyList<RosterMember>> RosterAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct) =>
        (await connection.QueryAsync<RosterMember>(new CommandDefinition("""
            SELECT m.user_id AS UserId, coalesce(p.name, '') AS Name, m.source AS Source, m.added_at AS AddedAt
            FROM group_members m LEFT JOIN people p ON p.user_id = m.user_id WHERE m.chat_id = @chatId ORDER BY m.position
            """, new { chatId }, transaction, cancellationToken: ct))).ToList();
}
