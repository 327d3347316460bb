using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Rectifications (存在问题我已清楚，将立即整改): one per member named in an inspection post.</summary>
public static class RectificationStore
{
    private sealed record Row(long Id, string ChatId, string InspectorId, string MemberId, string Text, DateTimeOffset PostedAt,
        DateTimeOffset ReplyDeadline, DateTimeOffset? RepliedAt, DateTimeOffset? EvidenceDeadline, DateTimeOffset? EvidenceAt, string Stage);

    private const string Columns = """
        id AS Id, chat_id AS ChatId, inspector_id AS InspectorId, member_id AS MemberId, text AS Text, posted_at AS PostedAt,
        reply_deadline AS ReplyDeadline, replied_at AS RepliedAt, evidence_deadline AS EvidenceDeadline, evidence_at AS EvidenceAt, stage AS Stage
        """;

    /// <summary>The open rectifications of the groups in @chats: one result set, read back with <see cref="ReadOpenAsync"/>.</summary>
    internal const string OpenSql = $"""
        SELECT {Columns} FROM rectifications WHERE chat_id = ANY(@chats) AND stage IN ('AwaitingReply', 'AwaitingEvidence') ORDER BY id;
        """;

    internal static async Task<IReadOnlyList<RectificationState>> ReadOpenAsync(SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<Row>()).Select(ToState).ToList();

    public static async Task<RectificationState?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM rectifications WHERE id = @id", new { id }, transaction, cancellationToken: ct));
        return row is null ? null : ToState(row);
    }

    public static Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, long? inboundId,
        string inspectorId, string memberId, string text, DateTimeOffset postedAt, DateTimeOffset replyDeadline, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO rectifications (chat_id, inspector_id, member_id, inbound_id, text, posted_at, reply_deadline, stage)
            VALUES (@chatId, @inspectorId, @memberId, @inboundId, @text, @postedAt, @replyDeadline, 'AwaitingReply') RETURNING id
            """, new { chatId, inspectorId, memberId, inboundId, text, postedAt, replyDeadline }, transaction, cancellationToken: ct));

    /// <summary>Opens a rectification with its reply deadline, in one statement (the deadline needs the new id).</summary>
    internal const string OpenWithDeadlineSql = """
        WITH r AS (
            INSERT INTO rectifications (chat_id, inspector_id, member_id, inbound_id, text, posted_at, reply_deadline, stage)
            VALUES (@chatId, @inspectorId, @memberId, @inboundId, @text, @postedAt, @replyDeadline, 'AwaitingReply') RETURNING id)
        INSERT INTO timers (kind, subject_id, due_at, state) SELECT @timerKind, r.id, @dueAt, 'pending' FROM r
        ON CONFLICT (kind, subject_id) DO NOTHING
        """;

    internal const string RecordReplySql = """
        UPDATE rectifications SET replied_at = @at, evidence_deadline = @evidenceDeadline, stage = 'AwaitingEvidence'
        WHERE id = @id AND stage = 'AwaitingReply'
        """;

    internal const string RecordEvidenceSql = "UPDATE rectifications SET evidence_at = @at, stage = 'Done' WHERE id = @id AND stage = 'AwaitingEvidence'";

    internal const string MarkEscalatedSql = """
        UPDATE rectifications SET stage = 'Escalated', missed = @missed WHERE id = @id AND stage IN ('AwaitingReply', 'AwaitingEvidence')
        """;

    public static Task MarkEscalatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string missed, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(MarkEscalatedSql, new { id, missed }, transaction, cancellationToken: ct));

    private static RectificationState ToState(Row r) => new(r.Id, r.ChatId, r.InspectorId, r.MemberId, r.Text, r.PostedAt, r.ReplyDeadline,
        r.RepliedAt, r.EvidenceDeadline, r.EvidenceAt, Enum.Parse<RectificationStage>(r.Stage));
}
