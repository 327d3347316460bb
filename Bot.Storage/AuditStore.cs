using System.Text.Json;
using Dapper;
using Npgsql;

namespace Bot.Storage;

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string Detail);

/// <summary>Who changed what, when, and why: administrators' edits and the bot's own state changes.</summary>
public static class AuditStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string InsertSql = """
        INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (@at, @actor, @action, @subject, @detail::jsonb)
        """;

    public static Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at, string actor, string action,
        string subject, object detail, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(InsertSql, new { at, actor, action, subject, detail = Detail(detail) }, transaction, cancellationToken: ct));

    /// <summary>Adds an entry to the batch, to be written with the change it describes.</summary>
    internal static void Write(SqlBatch batch, DateTimeOffset at, string actor, string action, string subject, object detail) =>
        batch.Add(InsertSql, new { at, actor, action, subject, detail = Detail(detail) });

    internal static string Detail(object detail) => JsonSerializer.Serialize(detail, Json);

    public static async Task<IReadOnlyList<AuditEntry>> ListAsync(NpgsqlDataSource dataSource, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<AuditEntry>(new CommandDefinition("""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail::text AS Detail
            FROM audit_log ORDER BY id DESC LIMIT @limit
            """, new { limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>Every entry about one subject (<c>notice:12</c>), oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ForSubjectAsync(NpgsqlDataSource dataSource, string subject, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<AuditEntry>(new CommandDefinition("""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail::text AS Detail
            FROM audit_log WHERE subject = @subject ORDER BY id LIMIT 500
            """, new { subject }, cancellationToken: ct))).ToList();
    }
}
