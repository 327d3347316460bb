using Dapper;
using Npgsql;

namespace Bot.Storage;

// Classes, not positional records: Dapper maps arrays and instants by property (see GroupStateStore).

/// <summary>One asked member's duty reduced to what the charts need.</summary>
public sealed class ReplySample
{
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset? RepliedAt { get; init; }
}

/// <summary>A private escalation: of a notice's silent members, or of a named member's missed rectification.</summary>
public sealed class EscalationSummary
{
    public string Kind { get; init; } = "";
    public long SubjectId { get; init; }
    public string GroupName { get; init; } = "";
    public string Members { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>
/// Read-only queries behind the dashboard's overview and charts. Every instant ("today", "the last 14 days") is a
/// parameter computed on the group's clock by the caller, never <c>now()</c>; it is passed as UTC, the only offset
/// Npgsql writes to <c>timestamptz</c>.
/// </summary>
public static class DashboardQueries
{
    private const string GroupName = "coalesce(nullif(g.name, ''), n.chat_id)";

    /// <summary>Every duty of the notices posted since <paramref name="since"/>: when asked, when (if) replied.</summary>
    public static async Task<IReadOnlyList<ReplySample>> ReplySamplesAsync(NpgsqlDataSource dataSource, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ReplySample>(new CommandDefinition("""
            SELECT n.posted_at AS PostedAt, d.replied_at AS RepliedAt
            FROM notice_duties d JOIN notices n ON n.id = d.notice_id
            WHERE n.posted_at >= @since AND n.stage <> 'Cancelled'
            """, new { since = since.ToUniversalTime() }, cancellationToken: ct))).ToList();
    }

    /// <summary>Escalations since <paramref name="since"/>, newest first: notices (one row per notice) and rectifications.</summary>
    public static async Task<IReadOnlyList<EscalationSummary>> EscalationsSinceAsync(NpgsqlDataSource dataSource, DateTimeOffset since, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<EscalationSummary>(new CommandDefinition($"""
            SELECT * FROM (
                SELECT 'notice' AS Kind, n.id AS SubjectId, {GroupName} AS GroupName,
                       string_agg(coalesce(p.name, d.user_id), '、' ORDER BY d.position) AS Members, n.text AS Text, max(d.escalated_at) AS At
                FROM notice_duties d JOIN notices n ON n.id = d.notice_id
                LEFT JOIN groups g ON g.chat_id = n.chat_id LEFT JOIN people p ON p.user_id = d.user_id
                WHERE d.escalated_at >= @since
                GROUP BY n.id, g.name
                UNION ALL
                SELECT 'rectification', r.id, coalesce(nullif(g.name, ''), r.chat_id), coalesce(p.name, r.member_id), r.text,
                       coalesce(r.evidence_deadline, r.reply_deadline)
                FROM rectifications r LEFT JOIN groups g ON g.chat_id = r.chat_id LEFT JOIN people p ON p.user_id = r.member_id
                WHERE r.stage = 'Escalated' AND r.posted_at >= @since
            ) e ORDER BY At DESC LIMIT @limit
            """, new { since = since.ToUniversalTime(), limit }, cancellationToken: ct))).ToList();
    }
}
