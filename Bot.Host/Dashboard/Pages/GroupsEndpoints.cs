using Bot.Host.Groups;
using Bot.Host.People;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/groups</c>: groups and their rosters through <see cref="GroupService"/>, the same service as the admin API's.</summary>
public static class GroupsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/groups", (HttpContext http, NpgsqlDataSource db) => ListAsync(http, db));
        admin.MapPost("/groups", async (HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db) =>
        {
            var chatId = form["chatId"].ToString().Trim();
            var problems = await SaveAsync(http, form, groups, chatId);
            return problems.Count == 0 ? Flash.Redirect($"/admin/groups/{Uri.EscapeDataString(chatId)}", "group-saved")
                : await ListAsync(http, db, Fields(form, "chatId", "name", "owner"), problems);
        });
        admin.MapGet("/groups/{chatId}", (string chatId, HttpContext http, NpgsqlDataSource db) => DetailAsync(http, db, chatId));
        admin.MapPost("/groups/{chatId}/settings", async (string chatId, HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db) =>
        {
            if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is null) return Results.NotFound("没有这个群");
            var problems = await SaveAsync(http, form, groups, chatId);
            return problems.Count == 0 ? Flash.Redirect($"/admin/groups/{Uri.EscapeDataString(chatId)}", "group-saved")
                : await DetailAsync(http, db, chatId, problems: problems);
        });
        admin.MapPost("/groups/{chatId}/members", async (string chatId, HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db) =>
        {
            if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is null) return Results.NotFound("没有这个群");
            var member = PersonFields.Of(form["userId"], form["name"], form["department"], form["supervisor"]);
            var problems = await groups.AddMemberAsync(chatId, member, Change.Actor(http), http.RequestAborted);
            return problems.Count == 0 ? Flash.Redirect($"/admin/groups/{Uri.EscapeDataString(chatId)}", "member-added")
                : await DetailAsync(http, db, chatId, Fields(form, "userId", "name", "department", "supervisor"), problems);
        });
        admin.MapPost("/groups/{chatId}/archive", async (string chatId, HttpContext http, IFormCollection form, NpgsqlDataSource db) =>
        {
            if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is null) return Results.NotFound("没有这个群");
            return await GroupArchiveField.SaveAsync(http, chatId, form) is { } problem
                ? await DetailAsync(http, db, chatId, problems: [new Problem(problem.Field, problem.Problem)], status: problem.Status)
                : Flash.Redirect($"/admin/groups/{Uri.EscapeDataString(chatId)}", "group-saved");
        });
        admin.MapPost("/groups/{chatId}/members/remove", async (string chatId, HttpContext http, IFormCollection form, GroupService groups) =>
        {
            if (form["confirmed"] != "yes") return Results.BadRequest("请先确认移出");
            var removed = await groups.RemoveMemberAsync(chatId, form["userId"].ToString(), Change.Actor(http), http.RequestAborted);
            return Flash.Redirect($"/admin/groups/{Uri.EscapeDataString(chatId)}", removed ? "member-removed" : "member-not-in-roster");
        });
    }

    /// <summary>
    /// Name, owner and, when one is typed, a new webhook key (blank keeps the current one: the page never shows it); on a
    /// group's page also whether the key's robot is in this group alone, and that its chat id was checked in WeCom.
    /// </summary>
    private static Task<IReadOnlyList<Problem>> SaveAsync(HttpContext http, IFormCollection form, GroupService groups, string chatId) =>
        groups.SaveSettingsAsync(chatId, form["name"].ToString().Trim(), PersonFields.Blank(form["owner"]),
            form["webhookKey"].ToString().Trim() is { Length: > 0 } key ? key : null, Change.Actor(http), http.RequestAborted,
            (form.ContainsKey("routing") ? form["webhookKeyExclusive"] == "true" : null, form["chatIdConfirmed"] == "true" ? true : null));

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource db, Dictionary<string, string>? form = null, IReadOnlyList<Problem>? problems = null) =>
        View.Page<GroupsPage>(new
        {
            Groups = await DirectoryQueries.GroupsAsync(db, http.RequestAborted), People = await DirectoryQueries.PeopleAsync(db, http.RequestAborted),
            Routes = (await GroupRoutes.AllAsync(db, http.RequestAborted)).ToDictionary(r => r.ChatId, StringComparer.Ordinal),
            Form = form ?? [], Errors = Errors(problems),
        }, problems is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static async Task<IResult> DetailAsync(HttpContext http, NpgsqlDataSource db, string chatId, Dictionary<string, string>? form = null,
        IReadOnlyList<Problem>? problems = null, int? status = null)
    {
        var ct = http.RequestAborted;
        if (await DirectoryQueries.GroupAsync(db, chatId, ct) is not { } group) return Results.NotFound("没有这个群");
        return View.Page<GroupPage>(new
        {
            Group = group, Members = await DirectoryQueries.MembersAsync(db, chatId, ct), People = await DirectoryQueries.PeopleAsync(db, ct),
            Route = await GroupRoutes.OfAsync(db, chatId, ct), Archive = await GroupArchiveField.LoadAsync(http, db, chatId, ct),
            Form = form ?? [], Errors = Errors(problems),
        }, status ?? (problems is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK));
    }

    private static Dictionary<string, string> Errors(IReadOnlyList<Problem>? problems) =>
        (problems ?? []).GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message);

    private static Dictionary<string, string> Fields(IFormCollection form, params string[] names) => names.ToDictionary(n => n, n => form[n].ToString());
}
