using System.Text.RegularExpressions;
using Bot.Rules.Moderation;
using Bot.Storage;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record WordInput(string? Category, string? Pattern, string? Kind);

public sealed record WordImportAnswer(int Added, int AlreadyListed);

/// <summary>
/// The banned-word lists by category and the allow-list (<c>allow</c>). Every change bumps the lists' version (a
/// database trigger), so the next message on every replica is judged with the new lists.
/// </summary>
internal static class WordsApi
{
    private const int MaxPattern = 200;
    private const string Columns = "id AS Id, category AS Category, pattern AS Pattern, kind AS Kind, created_at AS CreatedAt";
    private const long MaxImportBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapWords(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/words");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<WordRow>>, ValidationProblem>> (string? category, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (category is not null && !IsCategory(category)) return AdminHttp.Invalid("category", CategoryProblem);
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(await WordListStore.ListAsync(connection, null, category?.Trim().ToLowerInvariant(), ct));
        });
        group.MapPost("/", AddAsync);
        group.MapPost("/import", ImportAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return group;
    }

    private static async Task<Results<Created<WordRow>, ValidationProblem, ProblemHttpResult>> AddAsync(WordInput body, HttpContext http,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (body.Category is null || !IsCategory(body.Category)) return AdminHttp.Invalid("category", CategoryProblem);
        var category = body.Category.Trim().ToLowerInvariant();
        var kind = (body.Kind ?? "plain").Trim().ToLowerInvariant();
        if (kind is not ("plain" or "wildcard" or "regex")) return AdminHttp.Invalid("kind", "must be plain, wildcard or regex");
        if (PatternProblem(category, body.Pattern?.Trim() ?? "", kind) is { } bad) return AdminHttp.Invalid("pattern", bad);
        var pattern = body.Pattern!.Trim();

        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await WordListStore.AddAsync(connection, transaction, category, [(pattern, kind)], now, ct) == 0)
            return AdminHttp.Conflict($"{category} already lists {pattern}");
        var row = await connection.QuerySingleAsync<WordRow>(new CommandDefinition($"SELECT {Columns} FROM word_entries WHERE category = @category AND pattern = @pattern",
            new { category, pattern }, transaction, cancellationToken: ct));
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "word.add", $"word:{row.Id}", new { category, pattern, kind }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/words/{row.Id}", row);
    }

    /// <summary>A list file (one entry a line, <c>#</c> comments, <c>re:</c> regexes, <c>*</c> wildcards), all or nothing.</summary>
    private static async Task<Results<Ok<WordImportAnswer>, ValidationProblem, ProblemHttpResult>> ImportAsync(string? category, HttpRequest request,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (category is null || !IsCategory(category)) return AdminHttp.Invalid("category", CategoryProblem);
        category = category.Trim().ToLowerInvariant();
        var text = await Bot.Host.WeCom.BoundedBody.ReadAsync(request, MaxImportBytes, ct);
        if (text is null) return TypedResults.Problem($"the list is larger than {MaxImportBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);

        var entries = new List<(string Pattern, string Kind)>();
        var errors = new Dictionary<string, string[]>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (pattern, kind) in Parse(lines[i], category))
            {
                if (PatternProblem(category, pattern, kind) is { } bad) errors[$"line {i + 1}"] = [bad];
                else entries.Add((pattern, kind));
            }
        }

        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, detail: "the list was refused, nothing was added", title: "Import refused: nothing was written");
        if (entries.Count == 0) return AdminHttp.Invalid("body", "has no entries");

        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var added = await WordListStore.AddAsync(connection, transaction, category, entries.DistinctBy(e => e.Pattern).ToList(), now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "words.import", $"words:{category}",
            new { category, added, lines = entries.Count }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new WordImportAnswer(added, entries.DistinctBy(e => e.Pattern).Count() - added));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<WordRow?>(new CommandDefinition($"DELETE FROM word_entries WHERE id = @id RETURNING {Columns}",
            new { id }, transaction, cancellationToken: ct));
        if (row is null) return TypedResults.NotFound();
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "word.delete", $"word:{id}",
            new { row.Category, row.Pattern, row.Kind }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private const string CategoryProblem = "must be a banned category (advertising, rumor, obscenity, gambling, violence, superstition, political, abuse, leak) or allow";

    private static bool IsCategory(string category) =>
        string.Equals(category.Trim(), WordListStore.AllowCategory, StringComparison.OrdinalIgnoreCase) || BannedCategories.TryParseKey(category, out _);

    /// <summary>One line of a list file, read as the shipped lists are.</summary>
    private static IEnumerable<(string Pattern, string Kind)> Parse(string line, string category) =>
        category == WordListStore.AllowCategory
            ? WordListParser.Lines(line).Select(l => (l, "plain"))
            : WordListParser.ParseEntries(line, BannedCategories.ParseKey(category)).Select(e => (e.Pattern, e.Kind.ToString().ToLowerInvariant()));

    /// <summary>Why an entry cannot be used, or null: it is built into a matcher exactly as the live lists are.</summary>
    private static string? PatternProblem(string category, string pattern, string kind)
    {
        if (pattern.Length == 0) return "is required";
        if (pattern.Length > MaxPattern) return $"must be at most {MaxPattern} characters";
        if (category == WordListStore.AllowCategory)
            return kind == "plain" ? null : "allow-list entries are plain words";
        if (kind == "wildcard" && !pattern.Contains('*', StringComparison.Ordinal)) return "a wildcard entry joins pieces with *, e.g. 加*微信";
        try
        {
            if (kind == "regex") _ = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            _ = WordMatcher.Build([new WordEntry(pattern, BannedCategories.ParseKey(category), Enum.Parse<WordKind>(kind, ignoreCase: true))], []);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return $"is not a usable {kind} entry: {ex.Message}";
        }
    }
}
