using WeComIds = Bot.Host.Admin.WeComIds;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>A group's page: its settings and its roster, with adding and removing members.</summary>
public static class GroupRoster
{
    public static async Task<string> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, GroupSummary group, string? error, CancellationToken ct)
    {
        var members = await DirectoryQueries.MembersAsync(dataSource, group.ChatId, ct);
        var path = $"/admin/groups/{U(group.ChatId)}";
        var settings = Form(http, $"{path}/settings", $"""
            <label>群名称 <input name="name" value="{E(group.Name)}" required></label>
            <label>群主 userid <input name="owner" value="{E(group.Owner)}"></label>
            <label>Webhook key <input name="webhookKey" type="password" autocomplete="off" placeholder="{(group.HasWebhookKey ? "已配置，留空则不变" : "未配置")}"></label>
            <button type="submit">保存</button>
            """, "row");
        var roster = Table(["userid", "姓名", "部门", "负责人", "来源", ""], members.Select(m => (IReadOnlyList<string>)
        [
            E(m.UserId), E(m.Name.Length > 0 ? m.Name : "（不在通讯录）") + (m.Role is { Length: > 0 } role ? $" <span class=\"badge\">{E(role)}</span>" : ""),
            E(m.Department), E(m.SupervisorName ?? m.Supervisor ?? "—"), m.Source == "seen" ? "发言时登记" : "管理员添加",
            Form(http, $"{path}/members/remove", $"""<input type="hidden" name="userId" value="{E(m.UserId)}"><button type="submit" class="link danger">移出</button>""", "inline"),
        ]), "名单为空");
        var add = Form(http, $"{path}/members", """
            <label>userid <input name="userId" required></label><label>姓名 <input name="name" placeholder="新成员必填"></label>
            <label>部门 <input name="department"></label><label>负责人 userid <input name="supervisor"></label>
            <button type="submit">加入名单</button>
            """, "row");
        return $"""
            <p class="muted">群 ID：{E(group.ChatId)} · <a href="/admin/policy?chat={U(group.ChatId)}">规则设置</a></p>
            {(error is null ? "" : Error(error))}
            <h2>设置</h2>{settings}
            <h2>群名单（{members.Count}人）</h2>{roster}
            <h2>添加成员</h2>{add}
            """;
    }

    public static async Task<IResult> AddAsync(string chatId, HttpContext http, IFormCollection form, NpgsqlDataSource dataSource)
    {
        var ct = http.RequestAborted;
        if (await DirectoryQueries.GroupAsync(dataSource, chatId, ct) is not { } group) return Results.NotFound();
        var userId = form["userId"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        var supervisor = form["supervisor"].ToString().Trim();
        string? error = !WeComIds.IsUserId(userId) ? $"userid {WeComIds.RuleZh}，最长{WeComIds.MaxUserId}个字符。"
            : supervisor.Length > 0 && !WeComIds.IsUserId(supervisor) ? "负责人 userid 无效。"
            : null;
        var added = error is null && await Change.RunAsync(http, "group.member-added", $"group:{chatId}", async (connection, transaction, now) =>
        {
            var known = await DirectoryQueries.KnownPeopleAsync(connection, transaction, [userId], ct);
            if (name.Length == 0 && known.Count == 0) return (false, null);
            if (name.Length > 0)
                await DirectoryEdits.UpsertPersonAsync(connection, transaction, new PersonInput(userId, name, form["department"].ToString().Trim(), supervisor), now, ct);
            await DirectoryEdits.AddMembersAsync(connection, transaction, chatId, [userId], now, ct);
            return (true, (object?)new { userId, name });
        });
        if (added) return Redirect($"/admin/groups/{U(chatId)}", "member-added");
        error ??= $"{userId} 不在通讯录中：请同时填写姓名。";
        return Page(http, group.Name, await RenderAsync(http, dataSource, group, error, ct), StatusCodes.Status400BadRequest);
    }

    public static async Task<IResult> RemoveAsync(string chatId, HttpContext http, IFormCollection form)
    {
        var userId = form["userId"].ToString();
        await Change.RunAsync(http, "group.member-removed", $"group:{chatId}", new { userId },
            (connection, transaction, _) => DirectoryEdits.RemoveMemberAsync(connection, transaction, chatId, userId, http.RequestAborted));
        return Redirect($"/admin/groups/{U(chatId)}", "member-removed");
    }
}
