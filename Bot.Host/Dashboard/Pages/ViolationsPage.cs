using Bot.Host.Rules;
using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/violations</c>: the last 30 days by category and by member (with strikes), and the latest ones with their evidence.</summary>
public static class ViolationsPage
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/violations", RenderAsync);
        admin.MapGet("/violations/{id:long}/dismiss", (long id, HttpContext http) => DismissPageAsync(http, id, null, null, null));
        admin.MapPost("/violations/{id:long}/dismiss", DismissAsync);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var since = Change.Now(http).AddDays(-30);
        var byCategory = await ViolationQueries.ByCategoryAsync(dataSource, since, ct);
        var byMember = await ViolationQueries.ByMemberAsync(dataSource, since, ct);
        var recent = await ViolationQueries.RecentAsync(dataSource, 50, ct);

        var categories = Table(["类别", "规则", "次数", "计入警告"], byCategory.Select(c => (IReadOnlyList<string>)
            [E(CategoryName(c.Key)), E(RuleName(c.Name)), N(c.Count), N(c.Strikes)]), "近30天没有违规");
        var members = Table(["成员", "群", "次数", "警告（strike）"], byMember.Select(m => (IReadOnlyList<string>)
            [$"{E(m.Name)} <span class=\"muted\">{E(m.Key)}</span>", E(m.GroupName), N(m.Count), m.Strikes > 0 ? $"<b>{N(m.Strikes)}</b>" : "0"]), "近30天没有违规");
        return Page(http, "违规", $"""
            <div class="columns"><section><h2>按类别（近30天）</h2>{categories}</section><section><h2>按成员（近30天）</h2>{members}</section></div>
            <h2>最近50条</h2>{RecentTable(http, recent)}
            """);
    }

    public static string RecentTable(HttpContext http, IReadOnlyList<ViolationSummary> violations) =>
        Table(["时间", "群", "成员", "规则", "类别", "证据", "警告", ""], violations.Select(v => (IReadOnlyList<string>)
        [
            Time(http, v.At), E(v.GroupName), E(v.UserName), E(RuleName(v.Rule)), E(CategoryName(v.Category)),
            $"<span class=\"evidence\">{E(v.Evidence)}</span>", v.Strike ? "<span class=\"badge bad\">是</span>" : "否",
            v.DismissedAt is null ? $"""<a href="/admin/violations/{N(v.Id)}/dismiss" class="link">误判</a>"""
                : $"""<span class="badge" title="{E(v.DismissedBy)} {Time(http, v.DismissedAt)}">已撤销（误判）</span>""",
        ]), "暂无违规");

    /// <summary>The 「误判」 form: the message and what was found in it, a reason, and a phrase for the allow-list.</summary>
    private static async Task<IResult> DismissPageAsync(HttpContext http, long id, string? reason, string? allow, string? error)
    {
        var services = http.RequestServices;
        var view = await FalsePositives.ViewAsync(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ContentScanners>(), id, http.RequestAborted);
        if (view is null) return Results.NotFound();
        var v = view.Violation;
        if (v.DismissedAt is not null) return Page(http, "误判", Error("这条违规已经撤销过了。"), StatusCodes.Status409Conflict);
        var suggested = allow ?? (view.Suggestions.Count > 0 ? view.Suggestions[0] : "");
        var options = string.Concat(view.Suggestions.Select(p => $"<option value=\"{E(p)}\">"));
        var body = $"""
            {(error is null ? "" : Error($"未撤销：{error}"))}
            <p>{Time(http, v.At)} · {E(CategoryName(v.Category))} · 证据：<span class="evidence">{E(v.Evidence)}</span></p>
            <blockquote class="message">{E(v.Text ?? "（消息原文不可用）")}</blockquote>
            {Form(http, $"/admin/violations/{N(id)}/dismiss", $"""
              <label>误判原因 <textarea name="reason" rows="3" required maxlength="{FalsePositives.MaxReason}" placeholder="例如：这是学校的制度原文，提到违禁内容是为了禁止它">{E(reason)}</textarea></label>
              <label>同时加入白名单（可选，须出自这条消息；留空则不加入）<input name="allow" list="allow-suggestions" value="{E(suggested)}"></label>
              <datalist id="allow-suggestions">{options}</datalist>
              <p class="muted">撤销后这条违规不再计入警告次数，操作人和原因记入审计日志。加入白名单的词语今后不再被判为违规。</p>
              <button type="submit">确认误判，撤销警告</button>
              """, "stack")}
            """;
        return Page(http, "误判：撤销这条违规", body, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> DismissAsync(long id, HttpContext http, IFormCollection form)
    {
        var (reason, allow) = (form["reason"].ToString(), form["allow"].ToString());
        var services = http.RequestServices;
        var result = await FalsePositives.DismissAsync(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ContentScanners>(),
            Change.Now(http), Change.Actor(http), id, reason, allow, http.RequestAborted);
        return result switch
        {
            Dismissal.Done => Redirect("/admin/violations", "dismissed"),
            Dismissal.NotFound => Results.NotFound(),
            Dismissal.AlreadyDismissed => Redirect("/admin/violations", "dismissed"),
            Dismissal.Refused refused => await DismissPageAsync(http, id, reason, allow, (refused.Field == "allow" ? "白名单词语" : "") + refused.Problem.Chinese),
            _ => throw new InvalidOperationException($"unexpected result {result}"),
        };
    }

    /// <summary>A banned category's Chinese name; other rules record their own category keys, shown as they are.</summary>
    public static string CategoryName(string key) =>
        BannedCategories.TryParseKey(key, out var category) ? category.DisplayName() : key switch
        {
            "privacy" => "隐私信息",
            "quiet-hours" => "休息时间发言",
            "flood" => "刷屏",
            "length" => "超长消息",
            "private-chat" => "群内私聊",
            "nickname" => "非实名昵称",
            _ => key,
        };

    public static string RuleName(string rule) => rule switch
    {
        "banned-content" => "违禁内容",
        "quiet-hours" => "休息时间",
        "flood" => "刷屏",
        "length" => "消息长度",
        "private-chat" => "群内私聊",
        "roster" => "群名单",
        _ => rule,
    };
}
