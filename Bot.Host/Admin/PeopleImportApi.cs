using Bot.Host.People;
using Bot.Host.WeCom;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Admin;

public sealed record ImportAnswer(int Imported);

/// <summary>
/// <c>POST /api/people/import</c>: a CSV of <c>userid,姓名,部门,负责人</c> through the same import as the dashboard's, all or
/// nothing. One bad row and nothing is written; the answer lists every bad row and why, so the office fixes the file once.
/// </summary>
internal static class PeopleImportApi
{
    public static RouteGroupBuilder MapPeopleImport(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people");
        group.MapPost("/import", ImportAsync);
        return group;
    }

    private static async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> ImportAsync(HttpRequest request, HttpContext http, PeopleService people, CancellationToken ct)
    {
        var text = await BoundedBody.ReadAsync(request, PeopleCsv.MaxBytes, ct);
        if (text is null) return TypedResults.Problem($"the file is larger than {PeopleCsv.MaxBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
        var result = await people.ImportAsync(text, AdminHttp.Actor(http), ct);
        return result.Errors.Count == 0 ? TypedResults.Ok(new ImportAnswer(result.Imported)) : Refused(result.Errors);
    }

    private static ProblemHttpResult Refused(IReadOnlyList<ImportRowError> rows) => TypedResults.Problem(
        detail: string.Join("; ", rows.Select(r => r.Row > 0 ? $"第{r.Row}行：{string.Join("，", r.Errors)}" : string.Join("，", r.Errors))),
        statusCode: StatusCodes.Status400BadRequest,
        title: "Import refused: nothing was written",
        extensions: new Dictionary<string, object?> { ["rows"] = rows });
}
