using Dapper;
using Npgsql;

namespace Bot.Storage;

public sealed class ViolationSummary
{
    public long Id { get; init; }
    public string GroupName { get; init; } = "";
    public string UserId { get; init; } = "";
    public string UserName { get; init; } = "";
    public string Rule { get; init; } = "";
    public string Category { get; init; } = "";
    public string Evidence { get; init; } = "";
    public bool Strike { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset? DismissedAt { get; init; }
    public string? DismissedBy { get; init; }
    /// <summary>The evidence as the rule explained it (JSON; see <c>Explanation</c>); null for rows from before it was kept.</summary>
    public string? Why { get; init; }
}

/// <summary>A count of violations and of the strikes among them, by category or by member.</summary>
public sealed class ViolationCount
{
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public string GroupName { get; init; } = "";
    public int Count { get; init; }
    public int Strikes { get; init; }
}

/// <summary>The violations as the dashboard reads them: recent ones (dismissed ones marked), and counts by category and by member (dismissed ones left out).</summary>
public static class ViolationQueries
{
    public static async Task<IReadOnlyList<ViolationSummary>> RecentAsync(NpgsqlDataSource dataSource, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ViolationSummary>(new CommandDefinition("""
            SELECT v.id AS Id, coalesce(nullif(g.name, ''), v.chat_id) AS GroupName, v.user_id AS UserId, coalesce(p.name, v.user_id) AS UserName,
                   v.rule AS Rule, v.category AS Category, v.evidence AS Evidence, v.strike AS Strike, v.at AS At,
                   v.dismissed_at AS DismissedAt, v.dismissed_by AS DismissedBy, v.why::text AS Why
            FROM violations v LEFT JOIN groups g ON g.chat_id = v.chat_id LEFT JOIN people p ON p.user_id = v.user_id
            ORDER BY v.at DESC, v.id DESC LIMIT @limit
            """, new { limit }, cancellationToken: ct))).ToList();
    }

    public static async Task<IReadOnlyList<ViolationCount>> ByCategoryAsync(NpgsqlDataSource dataSource, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ViolationCount>(new CommandDefinition("""
            SELECT category AS Key, rule AS Name, '' AS GroupName, count(*)::int AS Count, (count(*) FILTER (WHERE strike))::int AS Strikes
            FROM violations WHERE at >= @since AND dismissed_at IS NULL GROUP BY category, rule ORDER BY count(*) DESC, category
            """, new { since = since.ToUniversalTime() }, cancellationToken: ct))).ToList();
    }

    /// <summary>Per member and group: strikes count per group, as the rules count them toward the group's limit.</summary>
    public static async Task<IReadOnlyList<ViolationCount>> ByMemberAsync(NpgsqlDataSource dataSource, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ViolationCount>(new CommandDefinition("""
            SELECT v.user_id AS Key, coalesce(p.name, v.user_id) AS Name, coalesce(nullif(g.name, ''), v.chat_id) AS GroupName,
                   count(*)::int AS Count, (count(*) FILTER (WHERE v.strike))::int AS Strikes
            FROM violations v LEFT JOIN groups g ON g.chat_id = v.chat_id LEFT JOIN people p ON p.user_id = v.user_id
            WHERE v.at >= @since AND v.dismissed_at IS NULL GROUP BY v.user_id, p.name, v.chat_id, g.name
            ORDER BY count(*) FILTER (WHERE v.strike) DESC, count(*) DESC, v.user_id
            """, new { since = since.ToUniversalTime() }, cancellationToken: ct))).ToList();
    }
}
