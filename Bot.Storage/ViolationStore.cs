using Dapper;
using Npgsql;

namespace Bot.Storage;

public sealed record ViolationRecord(long Id, string ChatId, string UserId, string Name, string Rule, string Category, string Evidence, bool Strike, DateTimeOffset At,
    DateTimeOffset? DismissedAt, string? DismissedBy, string? DismissedReason);

public sealed record StrikeCount(string ChatId, string UserId, string Name, long Strikes);

/// <summary>Broken rules as recorded by the moderation rules, for the admin API and dashboard.</summary>
public static class ViolationStore
{
    public static async Task<IReadOnlyList<ViolationRecord>> ListAsync(NpgsqlConnection connection, string? chatId, string? userId, DateTimeOffset? since,
        int limit, CancellationToken ct) =>
        (await connection.QueryAsync<ViolationRecord>(new CommandDefinition("""
            SELECT v.id AS Id, v.chat_id AS ChatId, v.user_id AS UserId, coalesce(p.name, '') AS Name, v.rule AS Rule, v.category AS Category,
                   v.evidence AS Evidence, v.strike AS Strike, v.at AS At,
                   v.dismissed_at AS DismissedAt, v.dismissed_by AS DismissedBy, v.dismissed_reason AS DismissedReason
            FROM violations v LEFT JOIN people p ON p.user_id = v.user_id
            WHERE (@chatId::text IS NULL OR v.chat_id = @chatId) AND (@userId::text IS NULL OR v.user_id = @userId)
              AND (@since::timestamptz IS NULL OR v.at >= @since)
            ORDER BY v.at DESC, v.id DESC LIMIT @limit
            """, new { chatId, userId, since, limit }, cancellationToken: ct))).ToList();

    /// <summary>The groups where the filtered members have strikes at all (each group counts over its own window).</summary>
    public static async Task<IReadOnlyList<string>> GroupsWithStrikesAsync(NpgsqlConnection connection, string? chatId, string? userId, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT chat_id FROM violations
            WHERE strike AND (@chatId::text IS NULL OR chat_id = @chatId) AND (@userId::text IS NULL OR user_id = @userId)
            """, new { chatId, userId }, cancellationToken: ct))).ToList();

    /// <summary>Strikes per member, each group counted since its own window start (its policy's StrikeWindow before now).</summary>
    public static async Task<IReadOnlyList<StrikeCount>> StrikeCountsAsync(NpgsqlConnection connection, IReadOnlyList<(string ChatId, DateTimeOffset Since)> windows,
        string? userId, CancellationToken ct) =>
        (await connection.QueryAsync<StrikeCount>(new CommandDefinition("""
            SELECT v.chat_id AS ChatId, v.user_id AS UserId, coalesce(min(p.name), '') AS Name, count(*) AS Strikes
            FROM violations v
            JOIN unnest(@chatIds::text[], @sinces::timestamptz[]) AS w(chat_id, since) ON w.chat_id = v.chat_id
            LEFT JOIN people p ON p.user_id = v.user_id
            WHERE v.strike AND v.at > w.since AND (@userId::text IS NULL OR v.user_id = @userId)
            GROUP BY v.chat_id, v.user_id ORDER BY count(*) DESC, v.chat_id, v.user_id
            """, new
        {
            chatIds = windows.Select(w => w.ChatId).ToArray(),
            sinces = windows.Select(w => w.Since.UtcDateTime).ToArray(),
            userId,
        }, cancellationToken: ct))).ToList();
}
