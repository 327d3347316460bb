using Bot.Host.People;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/people</c>: the directory through <see cref="PeopleService"/>, the same service as the admin API's.</summary>
public static class PeopleEndpoints
{
    private static readonly string[] Fields = ["userId", "name", "department", "supervisor", "role"];

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/people", async (HttpContext http, string? q, string? edit, NpgsqlDataSource db) =>
        {
            var people = await DirectoryQueries.PeopleAsync(db, http.RequestAborted);
            var editing = people.FirstOrDefault(p => p.UserId == edit);
            return Render(people, editing is null ? new() : Values(editing), query: q?.Trim() ?? "", editing: editing);
        });
        admin.MapPost("/people", SaveAsync);
        admin.MapPost("/people/import", ImportAsync);
        admin.MapGet("/people/{userId}/delete", async (string userId, PeopleService people, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await PeopleStore.GetAsync(connection, null, userId, ct) is { } person && await people.TiesAsync(userId, ct) is { } ties
                ? View.Page<DeletePersonPage>(new { Person = person, Ties = ties })
                : Results.NotFound("通讯录中没有这个人");
        });
        admin.MapPost("/people/{userId}/delete", async (string userId, HttpContext http, IFormCollection form, PeopleService people) =>
        {
            if (form["confirmed"] != "yes") return Results.BadRequest("请在确认页上确认删除");
            return await people.DeleteAsync(userId, Change.Actor(http), http.RequestAborted) is null
                ? Results.NotFound("通讯录中没有这个人") : Flash.Redirect("/admin/people", "person-deleted");
        });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, IFormCollection form, PeopleService people, NpgsqlDataSource db)
    {
        var posted = Fields.ToDictionary(f => f, f => form[f].ToString());
        var saved = await people.SaveAsync(PersonFields.Of(posted["userId"], posted["name"], posted["department"], posted["supervisor"], posted["role"]),
            keepRole: false, Change.Actor(http), http.RequestAborted);
        if (saved.Ok) return Flash.Redirect("/admin/people", "person-saved");
        return Render(await DirectoryQueries.PeopleAsync(db, http.RequestAborted), posted,
            errors: saved.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message), status: StatusCodes.Status400BadRequest);
    }

    /// <summary>A file uploaded or text pasted; all or nothing, every bad line named.</summary>
    private static async Task<IResult> ImportAsync(HttpContext http, IFormCollection form, PeopleService people, NpgsqlDataSource db)
    {
        var csv = form["csv"].ToString();
        if (form.Files["file"] is { Length: > 0 } file)
        {
            if (file.Length > PeopleCsv.MaxBytes) return await RefusedAsync([new ImportRowError(0, ["文件太大：最大 4 MB，请分批导入"])]);
            using var reader = new StreamReader(file.OpenReadStream());
            csv = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var result = await people.ImportAsync(csv, Change.Actor(http), http.RequestAborted);
        return result.Errors.Count == 0 ? Flash.Redirect("/admin/people", "imported", ("n", result.Imported.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : await RefusedAsync(result.Errors);

        async Task<IResult> RefusedAsync(IReadOnlyList<ImportRowError> errors) =>
            Render(await DirectoryQueries.PeopleAsync(db, http.RequestAborted), [], importErrors: errors, csv: csv.Length <= 100_000 ? csv : "",
                status: StatusCodes.Status400BadRequest);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<PeoplePage> Render(IReadOnlyList<PersonSummary> people, Dictionary<string, string> form, Dictionary<string, string>? errors = null,
        IReadOnlyList<ImportRowError>? importErrors = null, string csv = "", string query = "", PersonSummary? editing = null, int status = StatusCodes.Status200OK) =>
        View.Page<PeoplePage>(new
        {
            People = people, Editing = editing, Form = form, Errors = errors ?? [], ImportErrors = importErrors ?? [], Csv = csv, Query = query,
        }, status);

    private static Dictionary<string, string> Values(PersonSummary person) => new()
    {
        ["userId"] = person.UserId, ["name"] = person.Name, ["department"] = person.Department, ["supervisor"] = person.Supervisor ?? "",
        ["role"] = person.Role ?? "",
    };
}
