using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Notices (收到请回复) and each asked member's duty.</summary>
public static class NoticeStore
{
    private sealed record NoticeRow(long Id, string ChatId, string IssuerId, string Text, string Phrase, DateTimeOffset PostedAt,
        DateTimeOffset ReplyDeadline, DateTimeOffset? RemindedAt, DateTimeOffset? ExplanationDeadline, string Stage);

    private sealed record DutyRow(long NoticeId, string UserId, DateTimeOffset? RepliedAt, bool Late, DateTimeOffset? ExplainedAt, DateTimeOffset? EscalatedAt,
        DateTimeOffset? HintedAt);

    private const string NoticeColumns = """
        id AS Id, chat_id AS ChatId, issuer_id AS IssuerId, text AS Text, phrase AS Phrase, posted_at AS PostedAt,
        reply_deadline AS ReplyDeadline, reminded_at AS RemindedAt, explanation_deadline AS ExplanationDeadline, stage AS Stage
        """;

    /// <summary>
    /// How long an escalated notice still takes replies: a member who answers after their 组长 was told is recorded
    /// (late), so the record and 「统计」 show it. After this the notice is history.
    /// </summary>
    public static readonly TimeSpan EscalatedGrace = TimeSpan.FromDays(3);

    private const string LiveNotice = "chat_id = ANY(@chats) AND (stage IN ('Open', 'Reminded') OR (stage = 'Escalated' AND closed_at > @escalatedSince))";

    private const string DutyColumns = """
        d.notice_id AS NoticeId, d.user_id AS UserId, d.replied_at AS RepliedAt, d.late AS Late, d.explained_at AS ExplainedAt,
        d.escalated_at AS EscalatedAt, d.hinted_at AS HintedAt
        """;

    /// <summary>The live notices of the groups in @chats and their duties: two result sets, read back with <see cref="ReadOpenAsync"/>.</summary>
    internal const string OpenNoticesSql = $"""
        SELECT {NoticeColumns} FROM notices WHERE {LiveNotice} ORDER BY posted_at, id;
        SELECT {DutyColumns} FROM notice_duties d WHERE d.notice_id IN (SELECT id FROM notices WHERE {LiveNotice}) ORDER BY d.notice_id, d.position;
        """;

    // The notices a command asks about: in each group of @askChats the latest of every issuer, and the ones named by id.
    private const string AskedNotice = """
        id IN (SELECT DISTINCT ON (chat_id, issuer_id) id FROM notices
               WHERE chat_id = ANY(@askChats) AND stage <> 'Cancelled' ORDER BY chat_id, issuer_id, posted_at DESC, id DESC)
        OR (id = ANY(@askIds) AND chat_id = ANY(@askChats))
        """;

    /// <summary>The notices commands ask about, whatever their stage, and their duties; read back with <see cref="ReadOpenAsync"/>.</summary>
    internal const string AskedNoticesSql = $"""
        SELECT {NoticeColumns} FROM notices WHERE {AskedNotice} ORDER BY posted_at, id;
        SELECT {DutyColumns} FROM notice_duties d WHERE d.notice_id IN (SELECT id FROM notices WHERE {AskedNotice}) ORDER BY d.notice_id, d.position;
        """;

    internal static async Task<IReadOnlyList<NoticeState>> ReadOpenAsync(SqlMapper.GridReader grid)
    {
        var notices = (await grid.ReadAsync<NoticeRow>()).ToList();
        var duties = (await grid.ReadAsync<DutyRow>()).ToLookup(d => d.NoticeId);
        return notices.Select(n => ToState(n, duties[n.Id])).ToList();
    }

    public static async Task<NoticeState?> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, CancellationToken ct)
    {
        var notice = await connection.QuerySingleOrDefaultAsync<NoticeRow>(new CommandDefinition(
            $"SELECT {NoticeColumns} FROM notices WHERE id = @id", new { id }, transaction, cancellationToken: ct));
        return notice is null ? null : (await WithDutiesAsync(connection, transaction, [notice], ct))[0];
    }

    /// <summary>Recent notices of a group, newest first, for the admin API and dashboard.</summary>
    public static async Task<IReadOnlyList<NoticeState>> LoadRecentAsync(NpgsqlConnection connection, string chatId, int limit, CancellationToken ct)
    {
        var notices = (await connection.QueryAsync<NoticeRow>(new CommandDefinition($"""
            SELECT {NoticeColumns} FROM notices WHERE chat_id = @chatId ORDER BY posted_at DESC, id DESC LIMIT @limit
            """, new { chatId, limit }, cancellationToken: ct))).ToList();
        return await WithDutiesAsync(connection, null, notices, ct);
    }

    public static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, long? inboundId,
        string issuerId, string text, string phrase, DateTimeOffset postedAt, DateTimeOffset replyDeadline, IReadOnlyList<string> asked, CancellationToken ct)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO notices (chat_id, issuer_id, inbound_id, text, phrase, posted_at, reply_deadline, stage)
            VALUES (@chatId, @issuerId, @inboundId, @text, @phrase, @postedAt, @replyDeadline, 'Open') RETURNING id
            """, new { chatId, issuerId, inboundId, text, phrase, postedAt, replyDeadline }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notice_duties (notice_id, user_id, position)
            SELECT @id, user_id, ordinality FROM unnest(@asked::text[]) WITH ORDINALITY AS a(user_id, ordinality)
            """, new { id, asked = asked.ToArray() }, transaction, cancellationToken: ct));
        return id;
    }

    /// <summary>
    /// Opens a notice with its duties, its reply deadline and its audit entry, in one statement (the id it gets is
    /// needed by the rest, and a batch cannot read it back in between).
    /// </summary>
    internal const string OpenWithDeadlineSql = """
        WITH n AS (
            INSERT INTO notices (chat_id, issuer_id, inbound_id, text, phrase, posted_at, reply_deadline, stage)
            VALUES (@chatId, @issuerId, @inboundId, @text, @phrase, @postedAt, @replyDeadline, 'Open') RETURNING id),
        duties AS (
            INSERT INTO notice_duties (notice_id, user_id, position)
            SELECT n.id, a.user_id, a.ordinality FROM n, unnest(@asked::text[]) WITH ORDINALITY AS a(user_id, ordinality)),
        deadline AS (
            INSERT INTO timers (kind, subject_id, due_at, state) SELECT @timerKind, n.id, @dueAt, 'pending' FROM n
            ON CONFLICT (kind, subject_id) DO NOTHING)
        INSERT INTO audit_log (at, actor, action, subject, detail) SELECT @postedAt, 'bot', 'notice.opened', 'notice:' || n.id, @detail::jsonb FROM n
        """;

    internal const string RecordReplySql = """
        UPDATE notice_duties SET replied_at = @at, late = @late WHERE notice_id = @noticeId AND user_id = @userId AND replied_at IS NULL
        """;

    internal const string RecordExplanationSql = """
        UPDATE notice_duties SET explained_at = @at WHERE notice_id = @noticeId AND user_id = @userId AND explained_at IS NULL AND replied_at IS NULL
        """;

    internal const string RecordHintSql = """
        UPDATE notice_duties SET hinted_at = @at WHERE notice_id = @noticeId AND user_id = @userId AND hinted_at IS NULL
        """;

    internal const string MarkRemindedSql = """
        UPDATE notices SET stage = 'Reminded', reminded_at = @at, explanation_deadline = @explanationDeadline WHERE id = @noticeId AND stage = 'Open'
        """;

    internal const string MarkDutiesEscalatedSql = "UPDATE notice_duties SET escalated_at = @at WHERE notice_id = @noticeId AND user_id = ANY(@members::text[])";

    internal const string SetStageSql = "UPDATE notices SET stage = @stage, closed_at = @at WHERE id = @noticeId AND stage IN ('Open', 'Reminded')";

    public static Task RecordReplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long noticeId, string userId, DateTimeOffset at, bool late, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(RecordReplySql, new { noticeId, userId, at, late }, transaction, cancellationToken: ct));

    public static Task RecordExplanationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long noticeId, string userId, DateTimeOffset at, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(RecordExplanationSql, new { noticeId, userId, at }, transaction, cancellationToken: ct));

    public static Task MarkRemindedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long noticeId, DateTimeOffset at, DateTimeOffset explanationDeadline, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(MarkRemindedSql, new { noticeId, at, explanationDeadline }, transaction, cancellationToken: ct));

    public static async Task MarkEscalatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long noticeId, IReadOnlyList<string> members, DateTimeOffset at, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(MarkDutiesEscalatedSql, new { noticeId, members = members.ToArray(), at }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(SetStageSql, new { noticeId, stage = "Escalated", at }, transaction, cancellationToken: ct));
    }

    private static async Task<IReadOnlyList<NoticeState>> WithDutiesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<NoticeRow> notices, CancellationToken ct)
    {
        if (notices.Count == 0) return [];
        var duties = (await connection.QueryAsync<DutyRow>(new CommandDefinition($"""
            SELECT {DutyColumns} FROM notice_duties d WHERE d.notice_id = ANY(@ids) ORDER BY d.notice_id, d.position
            """, new { ids = notices.Select(n => n.Id).ToArray() }, transaction, cancellationToken: ct))).ToLookup(d => d.NoticeId);
        return notices.Select(n => ToState(n, duties[n.Id])).ToList();
    }

    private static NoticeState ToState(NoticeRow n, IEnumerable<DutyRow> duties) =>
        new(n.Id, n.ChatId, n.IssuerId, n.Text, n.Phrase, n.PostedAt, n.ReplyDeadline, n.RemindedAt, n.ExplanationDeadline,
            Enum.Parse<NoticeStage>(n.Stage), duties.Select(d => new Duty(d.UserId, d.RepliedAt, d.Late, d.ExplainedAt, d.EscalatedAt is not null) { HintedAt = d.HintedAt }).ToList());
}
