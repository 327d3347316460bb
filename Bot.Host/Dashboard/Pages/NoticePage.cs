using System.Globalization;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;
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

    /// <summary>Enqueues a group post @-mentioning everyone still silent, through the same writer as the bot's own reminders.</summary>
    private static async Task<IResult> RemindAsync(long id, HttpContext http, IFormCollection form, RuleEngine engine, OutboxWake wake)
    {
        var ct = http.RequestAborted;
        var found = await Change.RunAsync(http, "notice.remind-now", $"notice:{id}", async (connection, transaction, now) =>
        {
            if (await NoticeStore.LoadAsync(connection, transaction, id, ct) is not { } notice) return (false, null);
            var pending = notice.Duties.Where(d => !d.Closed).Select(d => d.UserId).ToList();
            if (pending.Count == 0) return (true, null);
            var state = await GroupStateStore.LoadAsync(connection, transaction, notice.ChatId, notice.IssuerId, engine.DefaultPolicy, now, ct);
            var text = $"【提醒】{state.NameOf(notice.IssuerId)}发布的通知「{(notice.Text.Length <= 30 ? notice.Text : notice.Text[..30] + "…")}」还有{pending.Count}位老师未回复，请尽快回复「{notice.Phrase}」。";
            var post = new PostToGroup(notice.ChatId, text, pending, $"notice #{id}: reminded from the dashboard by {Change.Actor(http)}");
            var source = string.Create(CultureInfo.InvariantCulture, $"dashboard:remind:{id}:{now.ToUnixTimeMilliseconds()}");
            await EffectWriter.ApplyAsync(connection, transaction, new EffectContext(source, null, notice.ChatId, null, state, now), [post], ct);
            return (true, (object?)new { mentioned = pending.Count, members = pending });
        });
        if (!found) return Results.NotFound();
        wake.Wake();
        return Flash.Redirect($"/admin/notices/{id}", "reminded");
    }
}
