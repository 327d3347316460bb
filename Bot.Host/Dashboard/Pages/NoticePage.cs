using System.Globalization;
using Bot.Host.Admin;
using Bot.Host.Notices;
using Bot.Host.Wording;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/notices/{id}</c>: a notice's progress — who replied and how fast, who is late, who has not — and 「立即提醒」.</summary>
public static class NoticePage
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/notices/{id:long}", RenderAsync);
        admin.MapPost("/notices/{id:long}/remind", RemindAsync);
    }

    private static async Task<IResult> RenderAsync(long id, NoticeReports reports, CancellationToken ct) =>
        await reports.LoadAsync(id, ct) is { } report ? View.Page<NoticeReportPage>(new { Report = report }) : Results.NotFound($"没有编号为 {id} 的通知");

    /// <summary>「立即提醒」 through the same service as the admin API; why nobody was reminded is said above the notice.</summary>
    private static async Task<IResult> RemindAsync(long id, HttpContext http, IFormCollection form, NoticeReminder reminder, NoticeReports reports)
    {
        var ct = http.RequestAborted;
        var result = await reminder.RemindAsync(id, urgent: form["urgent"] == "true", Change.Actor(http), ct);
        if (result.Status == RemindStatus.Reminded)
        {
            var count = result.Mentioned.Count.ToString(CultureInfo.InvariantCulture);
            return Flash.Redirect($"/admin/notices/{id}", result.NotBefore > Change.Now(http) ? "reminded-later" : "reminded", ("n", count));
        }

        if (result.Status == RemindStatus.NotFound || await reports.LoadAsync(id, ct) is not { } report) return Results.NotFound($"没有编号为 {id} 的通知");
        var error = result is { Status: RemindStatus.Finished, Stage: { } stage } ? $"这条通知{Names.Stage(stage)}，不再提醒。" : "所有成员都已回复、作情况说明或已上报负责人，无需提醒。";
        return View.Page<NoticeReportPage>(new { Report = report, Error = error }, StatusCodes.Status409Conflict);
    }
}
