using Bot.Host.Rules;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record WordInput(string? Category, string? Pattern, string? Kind);

public sealed record WordImportAnswer(int Added, int AlreadyListed);

/// <summary>
/// The banned-word lists by category and the allow-list (<c>allow</c>), through <see cref="WordListEdits"/> (shared with
/// the dashboard): every entry is checked against the live matcher's engine before it is stored.
/// </summary>
internal static class WordsApi
{
    private const long MaxImportBytes = 4 * 1024 * 1024;

    public static RouteGroupBuilder MapWords(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/words");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<WordRow>>, ValidationProblem>> (string? category, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (category is not null && !WordListEdits.IsCategory(category)) return AdminHttp.Invalid("category", CategoryProblem);
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(await WordListStore.ListAsync(connection, null, category?.Trim().ToLowerInvariant(), ct));
        });
        group.MapPost("/", AddAsync);
        group.MapPost("/import", ImportAsync);
        group.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (long id, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
            await WordListEdits.DeleteAsync(db, time.GetUtcNow(), AdminHttp.Actor(http), id, ct) is null ? TypedResults.NotFound() : TypedResults.NoContent());
        return group;
    }

    private static async Task<Results<Created<WordRow>, ValidationProblem, ProblemHttpResult>> AddAsync(WordInput body, HttpContext http,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct) =>
        await WordListEdits.AddAsync(db, time.GetUtcNow(), AdminHttp.Actor(http), body.Category, body.Pattern, body.Kind, ct) switch
        {
            WordAdded.Added added => TypedResults.Created($"/api/words/{added.Row.Id}", added.Row),
            WordAdded.AlreadyListed listed => AdminHttp.Conflict($"{listed.Category} already lists {listed.Pattern}"),
            WordAdded.Refused { Refusal: var refusal } => AdminHttp.Invalid(refusal.Field, refusal.Problem.English),
            var other => throw new InvalidOperationException($"unexpected result {other}"),
        };

    /// <summary>A list file (one entry a line, <c>#</c> comments, <c>re:</c> regexes, <c>*</c> wildcards), all or nothing.</summary>
    private static async Task<Results<Ok<WordImportAnswer>, ValidationProblem, ProblemHttpResult>> ImportAsync(string? category, HttpRequest request,
        HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (!WordListEdits.IsCategory(category)) return AdminHttp.Invalid("category", CategoryProblem);
        var text = await Bot.Host.WeCom.BoundedBody.ReadAsync(request, MaxImportBytes, ct);
        if (text is null) return TypedResults.Problem($"the list is larger than {MaxImportBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);

        var import = await WordListEdits.ImportAsync(db, time.GetUtcNow(), AdminHttp.Actor(http), category!.Trim().ToLowerInvariant(), text, ct);
        if (import.Refused.Count > 0)
            return TypedResults.ValidationProblem(import.Refused.ToDictionary(r => $"line {r.Line}", r => new[] { r.Problem.English }),
                detail: "the list was refused, nothing was added", title: "Import refused: nothing was written");
        if (import.Added + import.AlreadyListed == 0) return AdminHttp.Invalid("body", "has no entries");
        return TypedResults.Ok(new WordImportAnswer(import.Added, import.AlreadyListed));
    }

    private static string CategoryProblem => $"must be a banned category or allow: {string.Join(", ", WordListEdits.Categories)}";
}
