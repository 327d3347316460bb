using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/people</c>: the directory (who answers to whom), one person at a time or by CSV import, all or nothing.</summary>
public static class PeoplePage
{
    private static readonly string[] FormFields = ["userId", "name", "department", "supervisor"];

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/people", (HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct) => RenderAsync(http, dataSource, null, ct));
        admin.MapPost("/people", SaveAsync);
        admin.MapPost("/people/import", ImportAsync);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, IReadOnlyList<string>? errors, CancellationToken ct, string csv = "")
    {
        var people = await DirectoryQueries.PeopleAsync(dataSource, ct);
        var table = Table(["userid", "姓名", "部门", "负责人", "角色"], people.Select(p => (IReadOnlyList<string>)
            [E(p.UserId), E(p.Name), E(p.Department), p.Supervisor is null ? "—" : $"{E(p.SupervisorName ?? "")} <span class=\"muted\">{E(p.Supervisor)}</span>", E(p.Role ?? "")]),
            "通讯录为空");
        var report = errors is { Count: > 0 }
            ? $"""<div class="flash error"><b>未导入任何数据</b>：以下 {errors.Count} 行有问题，请修改后重新导入。<ul>{string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))}</ul></div>"""
            : "";
        var edit = Form(http, "/admin/people", """
            <label>userid <input name="userId" required></label><label>姓名 <input name="name" required></label>
            <label>部门 <input name="department"></label><label>负责人 userid <input name="supervisor"></label>
            <label>角色 <select name="role"><option value="">（不变）</option><option value="principal">校长 principal</option><option value="admin">管理员 admin</option></select></label>
            <button type="submit">保存</button>
            """, "row");
        var import = Form(http, "/admin/people/import", $"""
            <label>CSV（userid,name,department,supervisor）<textarea name="csv" rows="6" placeholder="t7,孙老师,语文组,li">{E(csv)}</textarea></label>
            <button type="submit">导入</button>
            """, "stack");
        return Page(http, "人员", $"""
            {report}
            <p class="muted">负责人（supervisor）收到其成员的上报私信；角色为 principal 的人收到整改上报。已有的 userid 会被更新。</p>
            <h2>添加或修改</h2>{edit}
            <h2>CSV 导入</h2>{import}
            <h2>通讯录（{people.Count}人）</h2>{table}
            """, errors is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, IFormCollection form, NpgsqlDataSource dataSource)
    {
        var line = string.Join(',', FormFields.Select(k => Quote(form[k].ToString())));
        var (rows, errors) = PeopleCsv.Parse(line);
        if (errors.Count > 0) return await RenderAsync(http, dataSource, [.. errors.Select(e => e.Replace("第1行：", "", StringComparison.Ordinal))], http.RequestAborted);
        var role = form["role"].ToString() is "principal" or "admin" ? form["role"].ToString() : null;
        var person = rows[0].Person with { Role = role };
        await Change.RunAsync(http, "person.saved", $"person:{person.UserId}", person,
            (connection, transaction, now) => DirectoryEdits.UpsertPersonAsync(connection, transaction, person, now, http.RequestAborted));
        return Redirect("/admin/people", "person-saved");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IFormCollection form, NpgsqlDataSource dataSource)
    {
        var ct = http.RequestAborted;
        var csv = form["csv"].ToString();
        var (rows, errors) = PeopleCsv.Parse(csv);
        if (rows.Count == 0 && errors.Count == 0) errors = ["没有数据行"];
        var imported = errors.Count == 0 && await Change.RunAsync(http, "people.imported", "people", async (connection, transaction, now) =>
        {
            var supervisors = rows.Select(r => r.Person.Supervisor).OfType<string>().ToList();
            var unknown = PeopleCsv.UnknownSupervisors(rows, await DirectoryQueries.KnownPeopleAsync(connection, transaction, supervisors, ct));
            if (unknown.Count > 0) { errors = unknown; return (false, null); }
            await DirectoryEdits.UpsertPeopleAsync(connection, transaction, [.. rows.Select(r => r.Person)], now, ct);
            return (true, (object?)new { count = rows.Count, userIds = rows.Select(r => r.Person.UserId) });
        });
        return imported ? Redirect("/admin/people", "imported") : await RenderAsync(http, dataSource, errors, ct, csv);
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
