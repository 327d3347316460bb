using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A message to send, as written in the transaction of the decision that caused it.</summary>
/// <param name="Kind"><c>webhook</c> (group post), <c>private</c> (app message/send) or <c>response</c> (智能机器人 response_url).</param>
/// <param name="RateKey">The limit it counts against: <c>group:{chatId}</c> (one robot webhook) or <c>user:{id}</c>.</param>
/// <param name="Target">The chat id for a group post (its webhook is resolved when sending), "a|b" for private, the URL for a response.</param>
public sealed record OutboxMessage(string IdempotencyKey, string Kind, string RateKey, string Target, string? ChatId,
    string PayloadJson, string Reason, DateTimeOffset NotBefore);

/// <summary>A claimed row, ready to send.</summary>
public sealed record OutboxItem(long Id, string Kind, string Target, string? ChatId, string Payload, int Attempts, string Reason);

/// <summary>A row as the admin API shows it; <c>held</c> rows wait for their group to get a posting route.</summary>
public sealed record OutboxRow(long Id, string Kind, string Target, string? ChatId, string Payload, string Reason, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string? Response);

/// <summary>
/// The outbox: rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> so that several dispatchers never take the same
/// row, and a row takes a slot of its rate limit when claimed, under a per-limit advisory lock, so that replicas
/// together stay within WeCom's limits. Over the limit, a row is rescheduled, never dropped.
/// </summary>
public static class OutboxStore
{
    private const string EnqueueSql = """
        INSERT INTO outbox (idempotency_key, kind, rate_key, target, chat_id, payload, reason, status, created_at, next_attempt_at)
        VALUES (@IdempotencyKey, @Kind, @RateKey, @Target, @ChatId, @PayloadJson::jsonb, @Reason, 'pending', @now, @NotBefore)
        ON CONFLICT (idempotency_key) DO NOTHING
        """;

    public static Task<int> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMessage message, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(EnqueueSql,
            new { message.IdempotencyKey, message.Kind, message.RateKey, message.Target, message.ChatId, message.PayloadJson, message.Reason, message.NotBefore, now },
            transaction, cancellationToken: ct));

    /// <summary>Adds the message to the batch; a message whose idempotency key is already queued is not queued again.</summary>
    internal static void Enqueue(SqlBatch batch, OutboxMessage message, DateTimeOffset now) =>
        batch.Add(EnqueueSql,
            new { message.IdempotencyKey, message.Kind, message.RateKey, message.Target, message.ChatId, message.PayloadJson, message.Reason, message.NotBefore, now });

    /// <summary>
    /// Claims up to <paramref name="batch"/> due rows: pending ones, and ones whose sender's claim expired (it died).
    /// Each claimed row takes a rate slot; a row whose limit is full is moved to when a slot frees.
    /// </summary>
    public static async Task<IReadOnlyList<OutboxItem>> ClaimAsync(NpgsqlDataSource dataSource, DateTimeOffset now, TimeSpan lease, int batch,
        Func<string, (int Limit, TimeSpan Window)> rateLimitOf, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var due = (await connection.QueryAsync<(long Id, string RateKey)>(new CommandDefinition("""
            SELECT id, rate_key FROM outbox
            WHERE status IN ('pending', 'sending') AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
            ORDER BY next_attempt_at, id LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, new { now, batch }, transaction, cancellationToken: ct))).ToList();

        var claimed = new List<long>();
        foreach (var group in due.GroupBy(d => d.RateKey))
        {
            var (limit, window) = rateLimitOf(group.Key);
            // Serialises the slot count of one limit across replicas for the rest of this transaction.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@key))", new { key = group.Key }, transaction, cancellationToken: ct));
            var recent = (await connection.QueryAsync<DateTimeOffset>(new CommandDefinition("""
                SELECT reserved_at FROM outbox WHERE rate_key = @key AND reserved_at > @since ORDER BY reserved_at
                """, new { key = group.Key, since = now - window }, transaction, cancellationToken: ct))).ToList();
            foreach (var row in group)
            {
                if (recent.Count < limit)
                {
                    recent.Add(now);
                    claimed.Add(row.Id);
                    continue;
                }

                // The earliest slot frees one window after the oldest reservation still inside it.
                var freeAt = recent[recent.Count - limit] + window;
                recent.Add(freeAt);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE outbox SET next_attempt_at = @freeAt WHERE id = @id", new { freeAt, id = row.Id }, transaction, cancellationToken: ct));
            }
        }

        var items = (await connection.QueryAsync<OutboxItem>(new CommandDefinition("""
            UPDATE outbox SET status = 'sending', claimed_until = @until, reserved_at = @now, attempts = attempts + 1
            WHERE id = ANY(@claimed)
            RETURNING id AS Id, kind AS Kind, target AS Target, chat_id AS ChatId, payload::text AS Payload, attempts AS Attempts, reason AS Reason
            """, new { claimed = claimed.ToArray(), until = now + lease, now }, transaction, cancellationToken: ct))).ToList();
        await transaction.CommitAsync(ct);
        return items.OrderBy(i => i.Id).ToList();
    }

    /// <summary>
    /// Renews the lease of a claimed row just before it is sent; false when the claim is no longer the caller's: its lease
    /// ran out and another dispatcher took the row over. A takeover counts an attempt, so the attempt count the caller
    /// claimed with identifies its claim.
    /// </summary>
    public static async Task<bool> RenewClaimAsync(NpgsqlDataSource dataSource, long id, int attempts, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET claimed_until = @until WHERE id = @id AND status = 'sending' AND attempts = @attempts
            """, new { id, attempts, until }, cancellationToken: ct)) == 1;
    }

    public static async Task MarkSentAsync(NpgsqlDataSource dataSource, long id, DateTimeOffset now, string? response, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'sent', sent_at = @now, claimed_until = NULL, response = @response, last_error = NULL WHERE id = @id
            """, new { id, now, response }, cancellationToken: ct));
    }

    public static async Task MarkRetryAsync(NpgsqlDataSource dataSource, long id, DateTimeOffset nextAttempt, string error, string? response, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'pending', next_attempt_at = @nextAttempt, claimed_until = NULL, last_error = @error, response = @response WHERE id = @id
            """, new { id, nextAttempt, error, response }, cancellationToken: ct));
    }

    /// <summary>
    /// The group has no posting route: the row waits, not counted as an attempt, until the group's route changes (an
    /// administrator sets a key, a callback brings a WebhookUrl) and <see cref="ReleaseHeldSql"/> releases it.
    /// </summary>
    public static async Task MarkHeldAsync(NpgsqlDataSource dataSource, long id, string reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'held', claimed_until = NULL, attempts = greatest(attempts - 1, 0), last_error = @reason WHERE id = @id
            """, new { id, reason }, cancellationToken: ct));
    }

    /// <summary>Releases a group's held rows, due at <c>@now</c>; completed by the caller with <c>= @chatId</c> or <c>IN (…)</c>.</summary>
    internal const string ReleaseHeldSql = "UPDATE outbox SET status = 'pending', next_attempt_at = @now, last_error = NULL WHERE status = 'held' AND chat_id";

    public static async Task MarkDeadAsync(NpgsqlDataSource dataSource, long id, string error, string? response, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'dead', claimed_until = NULL, last_error = @error, response = @response WHERE id = @id
            """, new { id, error, response }, cancellationToken: ct));
    }

    /// <summary>An administrator's resend of a dead message: pending again, due now, attempts reset.</summary>
    public static async Task<bool> ResendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = @now, last_error = NULL WHERE id = @id AND status = 'dead'
            """, new { id, now }, transaction, cancellationToken: ct)) == 1;

    public static async Task<IReadOnlyList<OutboxRow>> ListAsync(NpgsqlDataSource dataSource, string? status, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<OutboxRow>(new CommandDefinition("""
            SELECT id AS Id, kind AS Kind, target AS Target, chat_id AS ChatId, payload::text AS Payload, reason AS Reason, status AS Status,
                   attempts AS Attempts, created_at AS CreatedAt, next_attempt_at AS NextAttemptAt, sent_at AS SentAt, last_error AS LastError, response AS Response
            FROM outbox WHERE (@status::text IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit
            """, new { status, limit }, cancellationToken: ct))).ToList();
    }
}
