using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A member reported to their supervisor (or, without one, the group owner) for not answering a notice.</summary>
public sealed record NoticeEscalation(long NoticeId, string ChatId, string UserId, string Name, string? Supervisor, string? SupervisorName,
    string? Owner, DateTimeOffset EscalatedAt, string NoticeText, DateTimeOffset PostedAt, DateTimeOffset? RemindedAt);

/// <summary>A member reported to the principal for a rectification they missed.</summary>
public sealed record RectificationEscalation(long RectificationId, string ChatId, string MemberId, string Name, string InspectorId,
    string Text, DateTimeOffset PostedAt, string Missed);

/// <summary>Escalations of notices and rectifications, newest first, for the admin API and dashboard.</summary>
public static class EscalationStore
{
    public static async Task<IReadOnlyList<NoticeEscalation>> NoticesAsync(NpgsqlConnection connection, string? chatId, int limit, CancellationToken ct) =>
        (await connection.QueryAsync<NoticeEscalation>(new CommandDefinition("""
            SELECT n.id AS NoticeId, n.chat_id AS ChatId, d.user_id AS UserId, coalesce(p.name, '') AS Name, p.supervisor AS Supervisor,
                   s.name AS SupervisorName, g.owner AS Owner, d.escalated_at AS EscalatedAt, n.text AS NoticeText, n.posted_at AS PostedAt,
                   n.reminded_at AS RemindedAt
            FROM notice_duties d JOIN notices n ON n.id = d.notice_id
            LEFT JOIN people p ON p.user_id = d.user_id LEFT JOIN people s ON s.user_id = p.supervisor LEFT JOIN groups g ON g.chat_id = n.chat_id
            WHERE d.escalated_at IS NOT NULL AND (@chatId::text IS NULL OR n.chat_id = @chatId)
            ORDER BY d.escalated_at DESC, n.id DESC, d.position LIMIT @limit
            """, new { chatId, limit }, cancellationToken: ct))).ToList();

    public static async Task<IReadOnlyList<RectificationEscalation>> RectificationsAsync(NpgsqlConnection connection, string? chatId, int limit, CancellationToken ct) =>
        (await connection.QueryAsync<RectificationEscalation>(new CommandDefinition("""
            SELECT r.id AS RectificationId, r.chat_id AS ChatId, r.member_id AS MemberId, coalesce(p.name, '') AS Name, r.inspector_id AS InspectorId,
                   r.text AS Text, r.posted_at AS PostedAt, coalesce(r.missed, '') AS Missed
            FROM rectifications r LEFT JOIN people p ON p.user_id = r.member_id
            WHERE r.stage = 'Escalated' AND (@chatId::text IS NULL OR r.chat_id = @chatId)
            ORDER BY r.id DESC LIMIT @limit
            """, new { chatId, limit }, cancellationToken: ct))).ToList();
}
