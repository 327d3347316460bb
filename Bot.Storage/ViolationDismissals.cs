using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A violation with the message it was found in, as a 「误判」 needs it.</summary>
public sealed record ViolationWithMessage(long Id, string ChatId, string UserId, string Rule, string Category, string Evidence, bool Strike,
    DateTimeOffset At, long? InboundId, string? Text, DateTimeOffset? DismissedAt, string? Why = null);

/// <summary>The storage side of 「误判」: read a violation with its message, and take its strike back.</summary>
public static class ViolationDismissals
{
    public static async Task<ViolationWithMessage?> GetForUpdateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<ViolationWithMessage>(new CommandDefinition($"""
            SELECT v.id AS Id, v.chat_id AS ChatId, v.user_id AS UserId, v.rule AS Rule, v.category AS Category, v.evidence AS Evidence,
                   v.strike AS Strike, v.at AS At, v.inbound_id AS InboundId, m.text AS Text, v.dismissed_at AS DismissedAt, v.why::text AS Why
            FROM violations v LEFT JOIN inbound_messages m ON m.id = v.inbound_id
            WHERE v.id = @id {(transaction is null ? "" : "FOR UPDATE OF v")}
            """, new { id }, transaction, cancellationToken: ct));

    /// <summary>
    /// Marks the violation dismissed and removes its strike. When it held its post's strike and another finding of the
    /// same rule on the same post still stands, the strike moves there: the post still broke a rule, once.
    /// Returns whether a strike was taken away in the end.
    /// </summary>
    public static async Task<bool> DismissAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ViolationWithMessage violation,
        string actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE violations SET strike = false, dismissed_at = @now, dismissed_by = @actor, dismissed_reason = @reason WHERE id = @id
            """, new { id = violation.Id, now, actor, reason }, transaction, cancellationToken: ct));
        if (!violation.Strike || violation.InboundId is null) return violation.Strike;
        var moved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE violations SET strike = true
            WHERE id = (SELECT id FROM violations WHERE inbound_id = @inboundId AND rule = @rule AND id <> @id AND dismissed_at IS NULL ORDER BY id LIMIT 1)
            """, new { inboundId = violation.InboundId, rule = violation.Rule, id = violation.Id }, transaction, cancellationToken: ct));
        return moved == 0;
    }
}
