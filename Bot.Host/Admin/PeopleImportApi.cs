using Bot.Host.WeCom;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>A row the import refused: its line in the file and every reason.</summary>
public sealed record ImportRowError(int Row, IReadOnlyList<string> Errors);

public sealed record ImportAnswer(int Imported);

/// <summary>
/// <c>POST /api/people/import</c>: a CSV of <c>userid,name,department,supervisor</c>, all or nothing. One bad row and
/// nothing is written; the answer lists every bad row and why, so the office fixes the file once.
/// </summary>
internal static class PeopleImportApi
{
    private const long MaxBytes = 4 * 1024 * 1024;
    private static readonly string[] Header = ["userid", "name", "department", "supervisor"];

    public static RouteGroupBuilder MapPeopleImport(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people");
        group.MapPost("/import", ImportAsync);
        return group;
    }

    private static async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> ImportAsync(HttpRequest request, HttpContext http,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var text = await BoundedBody.ReadAsync(request, MaxBytes, ct);
        if (text is null) return TypedResults.Problem($"the file is larger than {MaxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);

        var records = Csv.Read(text, out var error);
        if (error is not null) return Refused([new ImportRowError(0, [error])]);
        if (records.Count > 0 && Header.SequenceEqual(records[0].Fields.Select(f => f.Trim().ToLowerInvariant())))
            records = records.Skip(1).ToList();
        if (records.Count == 0) return Refused([new ImportRowError(0, ["the file has no rows"])]);

        var (rows, errors) = Check(records);
        if (errors.Count > 0) return Refused(errors);

        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var imported = await PeopleStore.ImportAsync(connection, transaction, rows, now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "people.import", "people",
            new { imported, userIds = rows.Select(r => r.UserId).Take(200) }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ImportAnswer(imported));
    }

    private static (List<PersonImport> Rows, List<ImportRowError> Errors) Check(IReadOnlyList<CsvRecord> records)
    {
        var rows = new List<PersonImport>(records.Count);
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var problems = new List<string>();
            var f = record.Fields.Select(v => v.Trim()).ToList();
            if (f.Count != Header.Length) problems.Add($"expected {Header.Length} columns (userid,name,department,supervisor), found {f.Count}");
            string At(int i) => i < f.Count ? f[i] : "";
            var (userId, name, department, supervisor) = (At(0), At(1), At(2), PersonInput.Blank(At(3)));
            if (PersonInput.Check(userId, name, department, supervisor, null) is { } bad) problems.Add($"{(bad.Field == "userId" ? "userid" : bad.Field)} {bad.Problem}");
            if (userId.Length > 0 && !seen.TryAdd(userId, record.Line)) problems.Add($"userid {userId} is already on row {seen[userId]}");
            if (problems.Count > 0) errors.Add(new ImportRowError(record.Line, problems));
            else rows.Add(new PersonImport(userId, name, department, supervisor));
        }

        return (rows, errors);
    }

    private static ProblemHttpResult Refused(IReadOnlyList<ImportRowError> rows) => TypedResults.Problem(
        detail: string.Join("; ", rows.Select(r => r.Row > 0 ? $"row {r.Row}: {string.Join(", ", r.Errors)}" : string.Join(", ", r.Errors))),
        statusCode: StatusCodes.Status400BadRequest,
        title: "Import refused: nothing was written",
        extensions: new Dictionary<string, object?> { ["rows"] = rows });
}
