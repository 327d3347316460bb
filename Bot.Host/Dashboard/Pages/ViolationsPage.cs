using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/violations</c>: the last 30 days by category and by member (with strikes), and the latest ones with their evidence.</summary>
public static class ViolationsPage
{
    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/violations", RenderAsync);

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
        Table(["时间", "群", "成员", "规则", "类别", "证据", "警告"], violations.Select(v => (IReadOnlyList<string>)
        [
            Time(http, v.At), E(v.GroupName), E(v.UserName), E(RuleName(v.Rule)), E(CategoryName(v.Category)),
            $"<span class=\"evidence\">{E(v.Evidence)}</span>", v.Strike ? "<span class=\"badge bad\">是</span>" : "否",
        ]), "暂无违规");

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
