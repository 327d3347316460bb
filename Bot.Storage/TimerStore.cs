using Dapper;
using Npgsql;

namespace Bot.Storage;

public static class TimerKinds
{
    public const string NoticeReply = "notice-reply";
    public const string NoticeExplanation = "notice-explanation";
    public const string RectificationReply = "rectification-reply";
    public const string RectificationEvidence = "rectification-evidence";
}

public sealed record DueTimer(long Id, string Kind, long SubjectId, DateTimeOffset DueAt);

/// <summary>
/// Durable deadlines. A timer is taken with <c>FOR UPDATE SKIP LOCKED</c> inside the transaction that applies its
/// effects and marks it done, so it fires once: a crash rolls everything back and it fires on the next pass.
/// </summary>
public static class TimerStore
{
    private const string ScheduleSql = """
        INSERT INTO timers (kind, subject_id, due_at, state) VALUES (@kind, @subjectId, @dueAt, 'pending')
        ON CONFLICT (kind, subject_id) DO NOTHING
        """;

    /// <summary>Adds a deadline to the batch; a deadline already set for the subject stays as it is.</summary>
    internal static void Schedule(SqlBatch batch, string kind, long subjectId, DateTimeOffset dueAt) =>
        batch.Add(ScheduleSql, new { kind, subjectId, dueAt });

    /// <summary>
    /// The next due timer, locked for this transaction; null when none is due (or all due ones are taken). A deadline due
    /// at or after <paramref name="spooledSince"/> (the oldest callback in this host's spool) or the oldest callback in
    /// another live host's spool (<see cref="SpoolBacklogStore"/>) waits: that callback may be the reply it is about. With
    /// <paramref name="archiveMargin"/> (the archive is read), a deadline of a group the archive covers waits until the
    /// archive has been read past it by that margin: a reply sent just before the deadline is seen before anyone is named.
    /// </summary>
    public static Task<DueTimer?> ClaimNextDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        DateTimeOffset? spooledSince, TimeSpan? archiveMargin, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<DueTimer?>(new CommandDefinition("""
            SELECT t.id AS Id, t.kind AS Kind, t.subject_id AS SubjectId, t.due_at AS DueAt FROM timers t
            WHERE t.state = 'pending' AND t.due_at <= @now AND (@spooledSince::timestamptz IS NULL OR t.due_at < @spooledSince)
              AND NOT EXISTS (SELECT 1 FROM spool_backlog b WHERE b.oldest <= t.due_at AND b.seen_at > @staleBefore)
              AND (@marginSeconds::float8 IS NULL OR NOT EXISTS (
                  SELECT 1 FROM groups g
                  WHERE g.channel <> 'callback'
                    AND g.chat_id = CASE WHEN t.kind LIKE 'notice-%' THEN (SELECT n.chat_id FROM notices n WHERE n.id = t.subject_id)
                                         ELSE (SELECT r.chat_id FROM rectifications r WHERE r.id = t.subject_id) END
                    AND coalesce((SELECT c.caught_up_to FROM archive_cursor c WHERE c.id = 1), '-infinity') < t.due_at + make_interval(secs => @marginSeconds::float8)))
            ORDER BY t.due_at, t.id LIMIT 1
            FOR UPDATE OF t SKIP LOCKED
            """, new { now, spooledSince, staleBefore = now - SpoolBacklogStore.Stale, marginSeconds = archiveMargin?.TotalSeconds }, transaction, cancellationToken: ct));

    public static Task MarkDoneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, DateTimeOffset now, string result, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE timers SET state = 'done', fired_at = @now, result = @result WHERE id = @id",
            new { id, now, result }, transaction, cancellationToken: ct));

    /// <summary>A timer whose firing threw: never taken again, with the exception as its result for whoever looks.</summary>
    public static Task MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, DateTimeOffset now, string error, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE timers SET state = 'failed', fired_at = @now, result = @error WHERE id = @id",
            new { id, now, error }, transaction, cancellationToken: ct));
}
