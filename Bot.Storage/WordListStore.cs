using Bot.Rules.Moderation;
using Dapper;
using Npgsql;

namespace Bot.Storage;

public sealed record WordRow(long Id, string Category, string Pattern, string Kind, DateTimeOffset CreatedAt);

/// <summary>
/// The banned-word lists by category and the allow-list (category <c>allow</c>). The shipped defaults are copied in
/// once, so administrators can edit them like their own entries.
/// </summary>
public static class WordListStore
{
    public const string AllowCategory = "allow";

    public static async Task SeedDefaultsAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var seeded = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT seeded FROM word_list_version WHERE id = 1 FOR UPDATE", transaction: transaction, cancellationToken: ct));
        if (seeded) return;

        var defaults = DefaultWordLists.Load();
        var rows = defaults.Banned.Select(e => (Category: e.Category.Key(), e.Pattern, Kind: e.Kind.ToString().ToLowerInvariant()))
            .Concat(defaults.Allowed.Select(a => (Category: AllowCategory, Pattern: a, Kind: "plain"))).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO word_entries (category, pattern, kind, created_at)
            SELECT * FROM unnest(@categories::text[], @patterns::text[], @kinds::text[], array_fill(@now::timestamptz, ARRAY[@count]))
            ON CONFLICT DO NOTHING
            """, new
        {
            categories = rows.Select(r => r.Category).ToArray(),
            patterns = rows.Select(r => r.Pattern).ToArray(),
            kinds = rows.Select(r => r.Kind).ToArray(),
            now,
            count = rows.Count,
        }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE word_list_version SET seeded = true WHERE id = 1", transaction: transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public static Task<long> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT version FROM word_list_version WHERE id = 1", transaction: transaction, cancellationToken: ct));

    public static async Task<IReadOnlyList<WordRow>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? category, CancellationToken ct) =>
        (await connection.QueryAsync<WordRow>(new CommandDefinition("""
            SELECT id AS Id, category AS Category, pattern AS Pattern, kind AS Kind, created_at AS CreatedAt
            FROM word_entries WHERE (@category::text IS NULL OR category = @category) ORDER BY category, id
            """, new { category }, transaction, cancellationToken: ct))).ToList();

    /// <summary>Adds entries; returns how many were new.</summary>
    public static Task<int> AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string category, IReadOnlyList<(string Pattern, string Kind)> entries,
        DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO word_entries (category, pattern, kind, created_at)
            SELECT @category, p, k, @now FROM unnest(@patterns::text[], @kinds::text[]) AS e(p, k)
            ON CONFLICT DO NOTHING
            """, new { category, patterns = entries.Select(e => e.Pattern).ToArray(), kinds = entries.Select(e => e.Kind).ToArray(), now },
            transaction, cancellationToken: ct));
}
