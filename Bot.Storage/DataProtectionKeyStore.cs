using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// The rows behind ASP.NET Core's data-protection key ring. Synchronous, because the key manager's repository interface
/// is: it reads the ring once at start and then about once a day, and writes a key every few months.
/// </summary>
public static class DataProtectionKeyStore
{
    // Any fixed number: serialises the creation of the first key among replicas that start together.
    private const long FirstKeyLock = 0x426F_7444_504B;

    public static IReadOnlyList<string> All(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id").ToList();
    }

    public static void Add(NpgsqlDataSource dataSource, string name, string xml, DateTimeOffset now)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now)", new { name, xml, now });
    }

    /// <summary>Runs <paramref name="action"/> while holding a database-wide lock, so that one replica at a time does it.</summary>
    public static async Task UnderFirstKeyLockAsync(NpgsqlDataSource dataSource, Action action, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@FirstKeyLock)", new { FirstKeyLock }, transaction, cancellationToken: ct));
        action();
        await transaction.CommitAsync(ct);
    }
}
