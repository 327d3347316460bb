using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A group as the dashboard shows it: whether a webhook key is set, never the key itself.</summary>
public sealed class GroupSummary
{
    public string ChatId { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Owner { get; init; }
    public string? OwnerName { get; init; }
    public bool HasWebhookKey { get; init; }
    public string[] Issuers { get; init; } = [];
    public string Policy { get; init; } = "{}";
    public int Members { get; init; }
    public bool ChatIdKnown { get; init; }
    public bool WebhookKeyExclusive { get; init; }
}

/// <summary>A person of the directory, with their supervisor's name; <see cref="Source"/> is set for a group's roster.</summary>
public sealed class PersonSummary
{
    public string UserId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Department { get; init; } = "";
    public string? Supervisor { get; init; }
    public string? SupervisorName { get; init; }
    public string? Role { get; init; }
    public string? Source { get; init; }
}

/// <summary>Groups, rosters and the directory, read for the dashboard and the sandbox.</summary>
public static class DirectoryQueries
{
    private const string GroupColumns = """
        g.chat_id AS ChatId, g.name AS Name, g.owner AS Owner, o.name AS OwnerName, (g.webhook_key IS NOT NULL AND g.webhook_key <> '') AS HasWebhookKey,
        g.issuers AS Issuers, g.policy::text AS Policy, (SELECT count(*)::int FROM group_members m WHERE m.chat_id = g.chat_id) AS Members,
        g.chat_id_known AS ChatIdKnown, g.webhook_key_exclusive AS WebhookKeyExclusive
        """;

    public static async Task<IReadOnlyList<GroupSummary>> GroupsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<GroupSummary>(new CommandDefinition($"""
            SELECT {GroupColumns} FROM groups g LEFT JOIN people o ON o.user_id = g.owner ORDER BY g.name, g.chat_id
            """, cancellationToken: ct))).ToList();
    }

    public static async Task<GroupSummary?> GroupAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<GroupSummary>(new CommandDefinition($"""
            SELECT {GroupColumns} FROM groups g LEFT JOIN people o ON o.user_id = g.owner WHERE g.chat_id = @chatId
            """, new { chatId }, cancellationToken: ct));
    }

    /// <summary>The roster in its order (reminders mention members in this order).</summary>
    public static async Task<IReadOnlyList<PersonSummary>> MembersAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<PersonSummary>(new CommandDefinition("""
            SELECT m.user_id AS UserId, coalesce(p.name, '') AS Name, coalesce(p.department, '') AS Department, p.supervisor AS Supervisor,
                   s.name AS SupervisorName, p.role AS Role, m.source AS Source
            FROM group_members m LEFT JOIN people p ON p.user_id = m.user_id LEFT JOIN people s ON s.user_id = p.supervisor
            WHERE m.chat_id = @chatId ORDER BY m.position
            """, new { chatId }, cancellationToken: ct))).ToList();
    }

    public static async Task<IReadOnlyList<PersonSummary>> PeopleAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<PersonSummary>(new CommandDefinition("""
            SELECT p.user_id AS UserId, p.name AS Name, p.department AS Department, p.supervisor AS Supervisor, s.name AS SupervisorName, p.role AS Role
            FROM people p LEFT JOIN people s ON s.user_id = p.supervisor ORDER BY p.department, p.user_id
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>Which of <paramref name="userIds"/> are in the directory.</summary>
    public static async Task<IReadOnlySet<string>> KnownPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> userIds, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM people WHERE user_id = ANY(@ids)", new { ids = userIds.Distinct().ToArray() }, transaction, cancellationToken: ct))).ToHashSet();
}
