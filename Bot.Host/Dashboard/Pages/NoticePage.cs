using Bot.Host.Admin;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/notices/{id}</c>: a notice's progress — who replied and how fast, who is late, who has not — and 「立即提醒」.</summary>
public static class NoticePage
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/notices/{id:long}", RenderAsync);
        admin.MapPost("/notices/{id:long}/remind", RemindAsync);
    }

    private static async Task<IResult> RenderAsync(long id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        NoticeState? notice;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            notice = await NoticeStore.LoadAsync(connection, null, id, ct);
        if (notice is null) return Page(http, "通知不存在", Error($"没有编号为 {id} 的通知。"), StatusCodes.Status404NotFound);

        var names = await DashboardQueries.NamesAsync(dataSource, [notice.IssuerId, .. notice.Duties.Select(d => d.UserId)], ct);
        string Name(string userId) => E(names.GetValueOrDefault(userId, userId));
        var group = await DirectoryQueries.GroupAsync(dataSource, notice.ChatId, ct);
        var now = Change.Now(http);
        var overdue = now > notice.ReplyDeadline;

        var replied = notice.Duties.Where(d => d.Replied).OrderBy(d => d.RepliedAt).ToList();
        var late = notice.Duties.Where(d => d.Late || !d.Closed && overdue).ToList();
        var pending = notice.Duties.Where(d => !d.Closed).ToList();
        var explained = notice.Duties.Where(d => d is { Replied: false, ExplainedAt: not null }).ToList();

        var repliedTable = Table(["成员", "回复时间", "用时", ""], replied.Select(d => (IReadOnlyList<string>)
            [Name(d.UserId), Time(http, d.RepliedAt), E(Took(d.RepliedAt!.Value - notice.PostedAt)), d.Late ? """<span class="badge warn">逾期</span>""" : """<span class="badge ok">按时</span>"""]),
            "还没有人回复");
        var pendingList = pending.Count == 0 ? """<p class="muted">全部已回复或已作情况说明。</p>"""
            : "<ul class=\"names\">" + string.Concat(pending.Select(d => $"<li>{Name(d.UserId)}{(d.Escalated ? " <span class=\"badge bad\">已上报</span>" : "")}</li>")) + "</ul>";
        var lateList = late.Count == 0 ? """<p class="muted">无</p>"""
            : "<ul class=\"names\">" + string.Concat(late.Select(d => $"<li>{Name(d.UserId)}<span class=\"muted\">{(d.Replied ? "（逾期回复）" : "（逾期未回复）")}</span></li>")) + "</ul>";
        var explainedList = explained.Count == 0 ? """<p class="muted">无</p>"""
            : "<ul class=\"names\">" + string.Concat(explained.Select(d => $"<li>{Name(d.UserId)} <span class=\"muted\">{Time(http, d.ExplainedAt)}</span></li>")) + "</ul>";
        var remind = pending.Count > 0 && notice.Stage is not (NoticeStage.Closed or NoticeStage.Cancelled)
            ? Form(http, $"/admin/notices/{N(id)}/remind", $"""<button type="submit">立即提醒（@{pending.Count}位未回复成员）</button>""", "inline")
            : "";

        return Page(http, $"通知 #{id}", $"""
            <section class="notice">
              <p><b>{E(group?.Name is { Length: > 0 } g ? g : notice.ChatId)}</b> · {Name(notice.IssuerId)} 发布于 {Time(http, notice.PostedAt)} ·
                 回复截止 {Time(http, notice.ReplyDeadline)} · 状态：{E(OverviewPage.StageName(notice.Stage.ToString()))}</p>
              <blockquote>{E(notice.Text)}</blockquote>
              <p>要求回复：「{E(notice.Phrase)}」</p>
              <div class="bigprogress">{OverviewPage.Progress(replied.Count, notice.Duties.Count)}</div>
              {remind}
            </section>
            <div class="columns">
              <section><h2>已回复（{replied.Count}）</h2>{repliedTable}</section>
              <section><h2>尚未回复（{pending.Count}）</h2>{pendingList}<h2>逾期（{late.Count}）</h2>{lateList}<h2>已作情况说明（{explained.Count}）</h2>{explainedList}</section>
            </div>
            """);
    }

    /// <summary>「立即提醒」 through the same service as the admin API; a notice finished meanwhile is said so, in Chinese.</summary>
    private static async Task<IResult> RemindAsync(long id, HttpContext http, IFormCollection form, NoticeReminder reminder)
    {
        var result = await reminder.RemindAsync(id, urgent: false, Change.Actor(http), http.RequestAborted);
        return result.Status switch
        {
            RemindStatus.NotFound => Results.NotFound(),
            RemindStatus.Reminded => Redirect($"/admin/notices/{N(id)}", "reminded"),
            _ => Page(http, $"通知 #{id}", Error(result.Status == RemindStatus.Finished
                ? $"通知 #{id} {OverviewPage.StageName(result.Stage.ToString()!)}，不再提醒。"
                : $"通知 #{id} 已没有未回复的成员，无需提醒。"), StatusCodes.Status409Conflict),
        };
    }

    private static string Took(TimeSpan span) =>
        span < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)span.TotalSeconds)}秒"
        : span < TimeSpan.FromHours(1) ? $"{(int)span.TotalMinutes}分{span.Seconds}秒"
        : $"{(int)span.TotalHours}小时{span.Minutes}分";
}
