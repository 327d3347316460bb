using Bot.Rules.Moderation;
using Bot.Storage;
using Dapper;
using Npgsql;

namespace Bot.Host.Rules;

/// <summary>An entry refused by <see cref="WordEntryRules"/>: which field (or line) and why, in English and Chinese.</summary>
public sealed record WordRefusal(string Field, WordProblem Problem);

/// <summary>What adding one entry did.</summary>
public abstract record WordAdded
{
    public sealed record Added(WordRow Row) : WordAdded;

    public sealed record AlreadyListed(string Category, string Pattern) : WordAdded;

    public sealed record Refused(WordRefusal Refusal) : WordAdded;
}

/// <summary>What importing a list did: entries added and already listed, or every refused line (and nothing written).</summary>
public sealed record WordImport(int Added, int AlreadyListed, IReadOnlyList<RefusedLine> Refused);

/// <summary>
/// Changes to the word lists, for the admin API and the dashboard alike: every entry is checked by
/// <see cref="WordEntryRules"/> (the live matcher's own engine and options) before it is stored, and each change is
/// audited in the same transaction. A change bumps the lists' version, so the next message on every replica sees it.
/// </summary>
public static class WordListEdits
{
    private const string Columns = "id AS Id, category AS Category, pattern AS Pattern, kind AS Kind, created_at AS CreatedAt";

    public static readonly IReadOnlyList<string> Categories = [.. BannedCategories.All.Select(c => c.Key()), WordListStore.AllowCategory];

    public static bool IsCategory(string? category) =>
        category is not null && Categories.Contains(category.Trim().ToLowerInvariant());

    public static async Task<WordAdded> AddAsync(NpgsqlDataSource dataSource, DateTimeOffset now, string actor,
        string? category, string? pattern, string? kind, CancellationToken ct)
    {
        if (!IsCategory(category))
            return Refuse("category", $"must be one of {string.Join(", ", Categories)}", "请选择词库类别");
        category = category!.Trim().ToLowerInvariant();
        if (ParseKind(kind) is not { } wordKind) return Refuse("kind", "must be plain, wildcard or regex", "类型须为普通、通配或正则");
        pattern = pattern?.Trim() ?? "";
        if (WordEntryRules.Check(pattern, wordKind, category == WordListStore.AllowCategory) is { } problem)
            return new WordAdded.Refused(new WordRefusal("pattern", problem));

        var kindName = wordKind.ToString().ToLowerInvariant();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await WordListStore.AddAsync(connection, transaction, category, [(pattern, kindName)], now, ct) == 0)
            return new WordAdded.AlreadyListed(category, pattern);
        var row = await connection.QuerySingleAsync<WordRow>(new CommandDefinition($"SELECT {Columns} FROM word_entries WHERE category = @category AND pattern = @pattern",
            new { category, pattern }, transaction, cancellationToken: ct));
        await AuditStore.WriteAsync(connection, transaction, now, actor, "word.add", $"word:{row.Id}", new { category, pattern, kind = kindName }, ct);
        await transaction.CommitAsync(ct);
        return new WordAdded.Added(row);
    }

    /// <summary>A list file, all or nothing: one bad line refuses the whole import, every bad line named.</summary>
    public static async Task<WordImport> ImportAsync(NpgsqlDataSource dataSource, DateTimeOffset now, string actor,
        string category, string text, CancellationToken ct)
    {
        var allow = category == WordListStore.AllowCategory;
        var list = WordListParser.Parse(text, allow ? default : BannedCategories.ParseKey(category), allow);
        if (list.Refused.Count > 0) return new WordImport(0, 0, list.Refused);
        var entries = list.Entries.Select(e => (e.Pattern, Kind: e.Kind.ToString().ToLowerInvariant())).DistinctBy(e => e.Pattern).ToList();
        if (entries.Count == 0) return new WordImport(0, 0, []);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var added = await WordListStore.AddAsync(connection, transaction, category, entries, now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "words.import", $"words:{category}",
            new { category, added, lines = list.Entries.Count }, ct);
        await transaction.CommitAsync(ct);
        return new WordImport(added, entries.Count - added, []);
    }

    /// <summary>Deletes an entry; null when there was none.</summary>
    public static async Task<WordRow?> DeleteAsync(NpgsqlDataSource dataSource, DateTimeOffset now, string actor, long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<WordRow?>(new CommandDefinition($"DELETE FROM word_entries WHERE id = @id RETURNING {Columns}",
            new { id }, transaction, cancellationToken: ct));
        if (row is null) return null;
        await AuditStore.WriteAsync(connection, transaction, now, actor, "word.delete", $"word:{id}", new { row.Category, row.Pattern, row.Kind }, ct);
        await transaction.CommitAsync(ct);
        return row;
    }

    public static WordKind? ParseKind(string? kind) => (kind ?? "plain").Trim().ToLowerInvariant() switch
    {
        "plain" => WordKind.Plain,
        "wildcard" => WordKind.Wildcard,
        "regex" => WordKind.Regex,
        _ => null,
    };

    private static WordAdded.Refused Refuse(string field, string english, string chinese) => new(new WordRefusal(field, new WordProblem(english, chinese)));
}
