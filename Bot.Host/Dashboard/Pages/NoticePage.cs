using System.Globalization;
using Bot.Host.Notices;

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

    private static async Task<IResult> RemindAsync(long id, HttpContext http, IFormCollection form, NoticeReminders reminders, NoticeReports reports)
    {
        var ct = http.RequestAborted;
        var urgent = form["urgent"] == "true";
        var reminder = await reminders.RemindAsync(id, urgent, Change.Actor(http), ct);
        if (reminder is Reminder.Queued queued)
        {
            var count = queued.Mentioned.Count.ToString(CultureInfo.InvariantCulture);
            return Flash.Redirect($"/admin/notices/{id}", queued.NotBefore > Change.Now(http) ? "reminded-later" : "reminded", ("n", count));
        }

        if (await reports.LoadAsync(id, ct) is not { } report) return Results.NotFound($"没有编号为 {id} 的通知");
        var error = reminder is Reminder.Finished ? "这条通知已结束，不再提醒。" : "所有成员都已回复或作情况说明，无需提醒。";
        return View.Page<NoticeReportPage>(new { Report = report, Error = error }, StatusCodes.Status409Conflict);
    }
}
