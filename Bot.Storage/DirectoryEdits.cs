using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A directory entry to write: <c>userid,name,department,supervisor</c>, plus an optional role.</summary>
public sealed record PersonInput(string UserId, string Name, string Department, string? Supervisor, string? Role = null);

/// <summary>
/// Changes to groups, rosters and the directory made by administrators (the dashboard) and the sandbox's seed. Each
/// runs in the caller's transaction, so the change and its audit row commit together.
/// </summary>
public static class DirectoryEdits
{
    public static Task UpsertPersonAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PersonInput person, DateTimeOffset now, CancellationToken ct) =>
        UpsertPeopleAsync(connection, transaction, [person], now, ct);

    /// <summary>Inserts or updates many people in one statement (a CSV import is all or nothing).</summary>
    public static Task UpsertPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PersonInput> people, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO people (user_id, name, department, supervisor, role, updated_at)
            SELECT u, n, d, nullif(s, ''), nullif(r, ''), @now FROM unnest(@ids::text[], @names::text[], @departments::text[], @supervisors::text[], @roles::text[]) AS x(u, n, d, s, r)
            ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, supervisor = EXCLUDED.supervisor,
                role = coalesce(EXCLUDED.role, people.role), updated_at = EXCLUDED.updated_at
            """, new
        {
            ids = people.Select(p => p.UserId).ToArray(),
            names = people.Select(p => p.Name).ToArray(),
            departments = people.Select(p => p.Department).ToArray(),
            supervisors = people.Select(p => p.Supervisor ?? "").ToArray(),
            roles = people.Select(p => p.Role ?? "").ToArray(),
            now,
        }, transaction, cancellationToken: ct));

    /// <summary>
    /// Creates the group if needed and sets its name and owner; a null <paramref name="webhookKey"/> keeps the current key.
    /// A null <paramref name="routing"/> flag keeps its stored value (as <see cref="GroupConfigStore.UpsertAsync"/>); a chat id once
    /// known stays known. Posts held for the group are released to try its route again.
    /// </summary>
    public static Task UpsertGroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string name, string? owner,
        string? webhookKey, DateTimeOffset now, CancellationToken ct, (bool? WebhookKeyExclusive, bool? ChatIdConfirmed) routing = default) =>
        connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO groups (chat_id, name, owner, webhook_key, updated_at, webhook_key_exclusive, chat_id_known)
            VALUES (@chatId, @name, nullif(@owner, ''), nullif(@webhookKey, ''), @now, coalesce(@exclusive, false), coalesce(@confirmed, false))
            ON CONFLICT (chat_id) DO UPDATE SET name = EXCLUDED.name, owner = EXCLUDED.owner,
                webhook_key = CASE WHEN @webhookKey::text IS NULL THEN groups.webhook_key ELSE nullif(@webhookKey, '') END, updated_at = EXCLUDED.updated_at,
                webhook_key_exclusive = coalesce(@exclusive, groups.webhook_key_exclusive),
                chat_id_known = groups.chat_id_known OR coalesce(@confirmed, false);
            {OutboxStore.ReleaseHeldSql} = @chatId
            """, new { chatId, name, owner = owner ?? "", webhookKey, now, exclusive = routing.WebhookKeyExclusive, confirmed = routing.ChatIdConfirmed },
            transaction, cancellationToken: ct));

    /// <summary>Creates the group only when it does not exist; false when it did (the sandbox's idempotent seed).</summary>
    public static async Task<bool> TryCreateGroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string name, string owner,
        string webhookKey, IReadOnlyList<string> issuers, string policyJson, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO groups (chat_id, name, owner, webhook_key, issuers, policy, updated_at)
            VALUES (@chatId, @name, @owner, @webhookKey, @issuers, @policyJson::jsonb, @now) ON CONFLICT (chat_id) DO NOTHING
            """, new { chatId, name, owner, webhookKey, issuers = issuers.ToArray(), policyJson, now }, transaction, cancellationToken: ct)) == 1;

    public static Task SetPolicyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string policyJson, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE groups SET policy = @policyJson::jsonb, updated_at = @now WHERE chat_id = @chatId",
            new { chatId, policyJson, now }, transaction, cancellationToken: ct));

    /// <summary>Adds members at the end of the roster, in the given order; returns how many were new.</summary>
    public static async Task<int> AddMembersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, IReadOnlyList<string> userIds,
        DateTimeOffset now, CancellationToken ct)
    {
        var added = 0;
        // One by one, so that the identity column keeps the given order.
        foreach (var userId in userIds)
            added += await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO group_members (chat_id, user_id, source, added_at) VALUES (@chatId, @userId, 'admin', @now) ON CONFLICT DO NOTHING
                """, new { chatId, userId, now }, transaction, cancellationToken: ct));
        return added;
    }

    public static async Task<bool> RemoveMemberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string userId, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM group_members WHERE chat_id = @chatId AND user_id = @userId", new { chatId, userId }, transaction, cancellationToken: ct)) == 1;
}
