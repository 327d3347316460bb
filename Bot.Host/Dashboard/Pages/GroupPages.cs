using WeComIds = Bot.Host.Admin.WeComIds;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>
/// <c>/admin/groups</c>: the groups the bot watches, and per group its name, owner, webhook key (write-only: a page
/// says whether one is set, never what it is) and roster.
/// </summary>
public static class GroupPages
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/groups", ListAsync);
        admin.MapPost("/groups", (HttpContext http, IFormCollection form) => SaveAsync(http, form, form["chatId"].ToString().Trim()));
        admin.MapGet("/groups/{chatId}", DetailAsync);
        admin.MapPost("/groups/{chatId}/settings", (string chatId, HttpContext http, IFormCollection form) => SaveAsync(http, form, chatId));
        admin.MapPost("/groups/{chatId}/members", GroupRoster.AddAsync);
        admin.MapPost("/groups/{chatId}/members/remove", GroupRoster.RemoveAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var groups = await DirectoryQueries.GroupsAsync(dataSource, ct);
        var table = Table(["群", "群 ID", "群主", "成员数", "Webhook"], groups.Select(g => (IReadOnlyList<string>)
        [
            $"""<a href="/admin/groups/{U(g.ChatId)}">{E(g.Name.Length > 0 ? g.Name : "（未命名）")}</a>""", E(g.ChatId),
            E(g.OwnerName ?? g.Owner ?? "—"), N(g.Members), g.HasWebhookKey ? "已配置" : "<span class=\"badge warn\">未配置</span>",
        ]), "还没有群。机器人收到某群的消息时会自动登记，也可以在下面添加。");
        var create = Form(http, "/admin/groups", """
            <label>群 ID（chatid）<input name="chatId" required></label><label>群名称 <input name="name" required></label>
            <label>群主 userid <input name="owner"></label><label>Webhook key <input name="webhookKey" type="password" autocomplete="off"></label>
            <button type="submit">添加群</button>
            """, "row");
        return Page(http, "群组", $"{table}<h2>添加群</h2>{create}");
    }

    private static async Task<IResult> DetailAsync(string chatId, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await DirectoryQueries.GroupAsync(dataSource, chatId, ct) is not { } group)
            return Page(http, "群不存在", Error($"没有群 {chatId}。"), StatusCodes.Status404NotFound);
        return Page(http, group.Name.Length > 0 ? group.Name : chatId, await GroupRoster.RenderAsync(http, dataSource, group, null, ct));
    }

    private static async Task<IResult> SaveAsync(HttpContext http, IFormCollection form, string chatId)
    {
        var name = form["name"].ToString().Trim();
        var owner = form["owner"].ToString().Trim();
        // Blank keeps the current key: the page never shows it, so it cannot be sent back.
        var key = form["webhookKey"].ToString().Trim() is { Length: > 0 } k ? k : null;
        if (!WeComIds.IsChatId(chatId) || name.Length > 100 || owner.Length > 0 && !WeComIds.IsUserId(owner))
            return Page(http, "群组", Error($"请填写群 ID 与群名称；群 ID 与群主 userid {WeComIds.RuleZh}。"), StatusCodes.Status400BadRequest);
        await Change.RunAsync(http, "group.saved", $"group:{chatId}", new { name, owner, webhookKeyChanged = key is not null },
            (connection, transaction, now) => DirectoryEdits.UpsertGroupAsync(connection, transaction, chatId, name, owner, key, now, http.RequestAborted));
        return Redirect($"/admin/groups/{U(chatId)}", "group-saved");
    }
}
