using System.Globalization;
using Bot.Host.Notices;
using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/notices</c>: the history, searched; its spreadsheet; and one notice's spreadsheet.</summary>
public static class NoticesEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/notices", HistoryAsync);
        admin.MapGet("/notices.csv", async (HttpContext http, string? per, NoticeHistory history, PolicyDefaults defaults, CancellationToken ct) =>
            NoticeSearch.Of(http.Request.Query).Filter(defaults.Policy.Zone) is { Filter: { } filter }
                ? await history.ExportAsync(filter, per == "member", FileName(Today.Of(http), per == "member"), ct)
                : Results.BadRequest());
        admin.MapGet("/notices/{id:long}.csv", async (long id, NoticeHistory history, CancellationToken ct) =>
            await history.ExportOneAsync(id, ct) ?? Results.NotFound());
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, int? page, NoticeHistory history, NpgsqlDataSource db, CancellationToken ct)
    {
        var today = Today.Of(http);
        var search = NoticeSearch.Of(http.Request.Query);
        var (filter, problems) = search.Filter(today.Zone);
        var (notices, total) = filter is null ? ([], 0) : await history.SearchAsync(filter, page ?? 1, ct);
        return View.Page<NoticeHistoryPage>(new
        {
            Search = search, Problems = problems, Notices = notices, Total = total, Page = Math.Max(page ?? 1, 1),
            Groups = await DirectoryQueries.GroupsAsync(db, ct), Issuers = await NoticeQueries.IssuersAsync(db, ct), Today = today,
        }, problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static string FileName(Today today, bool perMember) =>
        string.Create(CultureInfo.InvariantCulture, $"通知记录{(perMember ? "-明细" : "")}-{TimeZoneInfo.ConvertTime(today.Now, today.Zone):yyyyMMdd}.csv");
}
