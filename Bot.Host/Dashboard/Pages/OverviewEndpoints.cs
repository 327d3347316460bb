using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin</c>: the overview.</summary>
public static class OverviewEndpoints
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/", async (HttpContext http, NpgsqlDataSource db, ContentScanners scanners, CancellationToken ct) =>
    {
        var today = Today.Of(http);
        var midnight = today.StartOfDay(today.Now);
        var (notices, _) = await NoticeQueries.SearchAsync(db, new NoticeFilter(From: midnight), 100, 0, ct);
        var samples = await DashboardQueries.ReplySamplesAsync(db, midnight.AddDays(-13), ct);
        return View.Page<OverviewPage>(new
        {
            WordListFailure = scanners.Failure, Notices = notices,
            Unreachable = (await GroupRoutes.AllAsync(db, ct)).Where(r => !r.Route.CanPost).ToList(),
            Escalations = await DashboardQueries.EscalationsSinceAsync(db, today.Now.AddDays(-7), 20, ct),
            Violations = await ViolationQueries.RecentAsync(db, 10, ct),
            Charts = new[] { Charts.ReplyRatePerDay(samples, today), Charts.TimeToReply(samples) },
            Today = today,
        });
    });
}
