using Bot.Host.Outbound;
using Bot.Storage;
using Dapper;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>
/// 「重新发送」 for the admin API and the dashboard: a dead outgoing message goes back to the queue, audited with what it
/// was, and the dispatcher is woken. Only a dead message is resent; one still pending or already sent is left alone.
/// </summary>
public sealed class OutboxResend(NpgsqlDataSource db, OutboxWake wake, TimeProvider time)
{
    /// <summary>The message's status before: <c>dead</c> when it was resent, another status when it was left alone, null when there is none.</summary>
    public async Task<string?> ResendAsync(long id, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM outbox WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: ct));
        if (status is null || !await OutboxStore.ResendAsync(connection, transaction, id, now, ct)) return status;
        await AuditStore.WriteAsync(connection, transaction, now, actor, "outbox.resend", $"outbox:{id}", new { previous = status }, ct);
        await transaction.CommitAsync(ct);
        wake.Wake();
        return status;
    }
}
