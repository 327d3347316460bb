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
    /// another live host's spool (<see cref="SpoolBacklogStore"/>) waits: that callback may be the reply it is about.
    /// </summary>
    public static Task<DueTimer?> ClaimNextDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now,
        DateTimeOffset? spooledSince, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<DueTimer?>(new CommandDefinition("""
            SELECT id AS Id, kind AS Kind, subject_id AS SubjectId, due_at AS DueAt FROM timers t
            WHERE state = 'pending' AND due_at <= @now AND (@spooledSince::timestamptz IS NULL OR due_at < @spooledSince)
              AND NOT EXISTS (SELECT 1 FROM spool_backlog b WHERE b.oldest <= t.due_at AND b.seen_at > @staleBefore)
            ORDER BY due_at, id LIMIT 1
            FOR UPDATE SKIP LOCKED
            """, new { now, spooledSince, staleBefore = now - SpoolBacklogStore.Stale }, transaction, cancellationToken: ct));

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
