using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/violations</c>, and 「误判」 through <see cref="FalsePositives"/>, the same service as the admin API's.</summary>
public static class ViolationsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/violations", async (HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var today = Today.Of(http);
            var since = today.Now.AddDays(-30);
            return View.Page<ViolationsPage>(new
            {
                ByCategory = await ViolationQueries.ByCategoryAsync(db, since, ct), ByMember = await ViolationQueries.ByMemberAsync(db, since, ct),
                Recent = await ViolationQueries.RecentAsync(db, 50, ct), Today = today,
            });
        });
        admin.MapGet("/violations/{id:long}/dismiss", (long id, HttpContext http) => DismissPageAsync(http, id));
        admin.MapPost("/violations/{id:long}/dismiss", DismissAsync);
    }

    private static async Task<IResult> DismissPageAsync(HttpContext http, long id, string? reason = null, string? allow = null, (string Field, string Text)? problem = null)
    {
        var services = http.RequestServices;
        var view = await FalsePositives.ViewAsync(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ContentScanners>(), id, http.RequestAborted);
        if (view is null) return Results.NotFound("没有这条违规");
        var status = problem is not null ? StatusCodes.Status400BadRequest
            : view.Violation.DismissedAt is not null ? StatusCodes.Status409Conflict : StatusCodes.Status200OK;
        return View.Page<DismissPage>(new { View = view, Today = Today.Of(http), Reason = reason, Allow = allow, Problem = problem?.Text, Field = problem?.Field }, status);
    }

    private static async Task<IResult> DismissAsync(long id, HttpContext http, IFormCollection form)
    {
        var (reason, allow) = (form["reason"].ToString(), form["allow"].ToString());
        var services = http.RequestServices;
        var result = await FalsePositives.DismissAsync(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ContentScanners>(),
            Change.Now(http), Change.Actor(http), id, reason, allow, http.RequestAborted);
        return result switch
        {
            Dismissal.Done or Dismissal.AlreadyDismissed => Flash.Redirect("/admin/violations", "dismissed"),
            Dismissal.NotFound => Results.NotFound("没有这条违规"),
            Dismissal.Refused refused => await DismissPageAsync(http, id, reason, allow,
                (refused.Field, (refused.Field == "allow" ? "白名单词语" : "") + refused.Problem.Chinese)),
            _ => throw new InvalidOperationException($"unexpected result {result}"),
        };
    }
}
