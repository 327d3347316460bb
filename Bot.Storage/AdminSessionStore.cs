using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>One dashboard session: who, with which credential, until when.</summary>
public sealed record AdminSession(string UserName, byte[] Credential, DateTimeOffset ExpiresAt);

/// <summary>
/// Dashboard sessions in PostgreSQL, so that every replica sees a login and a logout at once. Callers pass the SHA-256
/// of the session id, never the id itself.
/// </summary>
public static class AdminSessionStore
{
    /// <summary>Records a new session, and drops the ones that have expired (the table stays as small as the logged-in).</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, byte[] idHash, string userName, byte[] credential,
        DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM admin_sessions WHERE expires_at <= @now;
            INSERT INTO admin_sessions (id_hash, user_name, credential, created_at, expires_at)
            VALUES (@idHash, @userName, @credential, @now, @expiresAt);
            """, new { idHash, userName, credential, now, expiresAt }, cancellationToken: ct));
    }

    public static async Task<AdminSession?> FindAsync(NpgsqlDataSource dataSource, byte[] idHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AdminSession>(new CommandDefinition("""
            SELECT user_name AS UserName, credential AS Credential, expires_at AS ExpiresAt FROM admin_sessions WHERE id_hash = @idHash
            """, new { idHash }, cancellationToken: ct));
    }

    public static async Task DeleteAsync(NpgsqlDataSource dataSource, byte[] idHash, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM admin_sessions WHERE id_hash = @idHash", new { idHash }, cancellationToken: ct));
    }
}
