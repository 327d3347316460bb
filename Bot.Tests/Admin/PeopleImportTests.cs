using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class PeopleImportTests : AdminTest
{
    [Test]
    public async Task A_file_with_bad_rows_is_refused_with_each_bad_row_and_why_and_nothing_is_imported()
    {
        const string csv = """
            userid,name,department,supervisor
            imp-a,甲,语文组,imp-b
            imp-b,,语文组,
            imp-c,丙,数学组,imp-c
            imp-a,甲二,语文组,
            imp-d,丁,数学组
            imp-e,戊,英语组,imp-a
            """;
        var problem = await JsonAsync(await PostTextAsync("/api/people/import", csv, "text/csv"), HttpStatusCode.BadRequest);

        var rows = problem["rows"]!.AsArray();
        Assert.That(rows.Select(r => r!["row"]!.GetValue<int>()), Is.EqualTo(new[] { 3, 4, 5, 6 }));
        Assert.That(rows[0]!["errors"]![0]!.GetValue<string>(), Does.Contain("请填写姓名"));
        Assert.That(rows[1]!["errors"]![0]!.GetValue<string>(), Does.Contain("负责人不能是本人"));
        Assert.That(rows[2]!["errors"]![0]!.GetValue<string>(), Does.Contain("与第2行重复"));
        Assert.That(rows[3]!["errors"]![0]!.GetValue<string>(), Does.Contain("应为4列"));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("第3行").And.Contain("第6行"));
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM people WHERE user_id LIKE 'imp-%'"), Is.Zero, "nothing half-imported");
    }

    [Test]
    public async Task A_valid_file_with_a_bom_quotes_and_crlf_imports_every_person()
    {
        var csv = "\uFEFFuserid,name,department,supervisor\r\n"
            + "ok-a,\"赵, 一\",\"高一（1）班\",ok-b\r\n"
            + "ok-b,钱二,\"教务处 \"\"主任\"\"\",\r\n"
            + "\r\n"
            + "ok-c,孙三,,\r\n";
        var answer = await JsonAsync(await PostTextAsync("/api/people/import", csv, "text/csv"));

        Assert.That(answer["imported"]!.GetValue<int>(), Is.EqualTo(3));
        var people = await Db.QueryAsync<(string UserId, string Name, string Department, string? Supervisor)>(Database,
            "SELECT user_id, name, department, supervisor FROM people WHERE user_id LIKE 'ok-%' ORDER BY user_id");
        Assert.That(people, Is.EqualTo(new[]
        {
            ("ok-a", "赵, 一", "高一（1）班", (string?)"ok-b"),
            ("ok-b", "钱二", "教务处 \"主任\"", null),
            ("ok-c", "孙三", "", null),
        }));
    }

    [Test]
    public async Task The_header_is_optional_and_an_import_keeps_a_persons_role()
    {
        await JsonAsync(await PutAsync("/api/people/hdr-principal", new { name = "校长", department = "校办", role = "principal" }));

        var answer = await JsonAsync(await PostTextAsync("/api/people/import", "hdr-principal,周校长,校办,\nhdr-x,吴老师,语文组,hdr-principal\n"));

        Assert.That(answer["imported"]!.GetValue<int>(), Is.EqualTo(2));
        var principal = await GetJsonAsync("/api/people/hdr-principal");
        Assert.That(principal["name"]!.GetValue<string>(), Is.EqualTo("周校长"));
        Assert.That(principal["role"]!.GetValue<string>(), Is.EqualTo("principal"));
        var audit = await AuditAsync("people.imported");
        Assert.That(audit[0].Detail, Does.Contain("\"count\": 2"));
    }

    [Test]
    public async Task An_empty_file_or_an_unclosed_quote_is_refused()
    {
        await JsonAsync(await PostTextAsync("/api/people/import", "userid,name,department,supervisor\n"), HttpStatusCode.BadRequest);
        var problem = await JsonAsync(await PostTextAsync("/api/people/import", "q-a,\"unclosed,x,\n"), HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("引号不成对"));
    }
}
