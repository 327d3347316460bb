using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// Which hosts still have callbacks in their spool, and from when: the timer worker of every replica holds the deadlines
/// that such a callback might answer until it is replayed (see <see cref="TimerStore.ClaimNextDueAsync"/>).
/// </summary>
public static class SpoolBacklogStore
{
    /// <summary>A host that has not refreshed its mark for this long is taken for dead, and holds no deadline any more.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    public static async Task MarkAsync(NpgsqlDataSource dataSource, string host, DateTimeOffset oldest, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO spool_backlog (host, oldest, seen_at) VALUES (@host, @oldest, @now)
            ON CONFLICT (host) DO UPDATE SET oldest = EXCLUDED.oldest, seen_at = EXCLUDED.seen_at
            """, new { host, oldest, now }, cancellationToken: ct));
    }

    public static async Task ClearAsync(NpgsqlDataSource dataSource, string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM spool_backlog WHERE host = @host", new { host }, cancellationToken: ct));
    }
}
