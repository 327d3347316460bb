using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin</c>: today's notices and reply rate, recent escalations and violations, and the two charts.</summary>
public static class OverviewPage
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var zone = Zone(http);
        var now = Change.Now(http);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var startOfToday = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));

        var today = await DashboardQueries.NoticesSinceAsync(dataSource, startOfToday, 100, ct);
        var samples = await DashboardQueries.ReplySamplesAsync(dataSource, startOfToday.AddDays(-13), ct);
        var escalations = await DashboardQueries.EscalationsSinceAsync(dataSource, now.AddDays(-7), 20, ct);
        var violations = await ViolationQueries.RecentAsync(dataSource, 10, ct);

        var asked = today.Sum(n => n.Asked);
        var replied = today.Sum(n => n.Replied);
        var rate = asked == 0 ? "—" : $"{(double)replied / asked:0%}";
        var cards = $"""
            <section class="cards">
              <div class="card"><b>{today.Count}</b><span>今日通知</span></div>
              <div class="card"><b>{rate}</b><span>今日回复率（{replied}/{asked}）</span></div>
              <div class="card"><b>{escalations.Count}</b><span>近7天上报</span></div>
              <div class="card"><b>{violations.Count(v => v.At >= startOfToday)}</b><span>今日违规</span></div>
            </section>
            """;

        var notices = Table(["发布时间", "群", "发布人", "通知", "进度", "状态"], today.Select(n => (IReadOnlyList<string>)
        [
            Time(http, n.PostedAt, "HH:mm"), E(n.GroupName), E(n.IssuerName),
            $"""<a href="/admin/notices/{N(n.Id)}">{E(Clip(n.Text))}</a>""",
            Progress(n.Replied, n.Asked), E(StageName(n.Stage)),
        ]), "今天还没有需要回复的通知");

        var escalated = Table(["时间", "类型", "群", "成员", "内容"], escalations.Select(e => (IReadOnlyList<string>)
        [
            Time(http, e.At), e.Kind == "notice" ? $"""<a href="/admin/notices/{N(e.SubjectId)}">通知未回复</a>""" : "整改未完成",
            E(e.GroupName), E(e.Members), E(Clip(e.Text)),
        ]), "近7天没有上报");

        var recent = ViolationsPage.RecentTable(http, violations);
        return Page(http, "概览", $"""
            {cards}
            <section class="charts">{Charts.ReplyRatePerDay(samples, now, zone)}{Charts.TimeToReply(samples)}</section>
            <h2>今日通知</h2>{notices}
            <h2>近7天的上报（私信给负责人）</h2>{escalated}
            <h2>最近违规</h2>{recent}
            """);
    }

    public static string Progress(int done, int total)
    {
        var percent = total == 0 ? 0 : done * 100 / total;
        // An SVG bar: its width is an attribute, where an inline style would be refused by the Content-Security-Policy.
        return $"""<svg class="progress" viewBox="0 0 100 1" preserveAspectRatio="none" role="img" aria-label="{done}/{total}"><title>{done}/{total}</title><rect width="{percent}" height="1"/></svg><span class="muted">{done}/{total}</span>""";
    }

    public static string Clip(string text, int length = 40) => text.Length <= length ? text : text[..length] + "…";

    public static string StageName(string stage) => stage switch
    {
        "Open" => "等待回复",
        "Reminded" => "已提醒，待说明",
        "Escalated" => "已上报",
        "Closed" => "已完成",
        "Cancelled" => "已撤销",
        _ => stage,
    };
}
