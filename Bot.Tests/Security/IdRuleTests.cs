using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Bot.Host.Admin;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Tests.Security;

/// <summary>
/// One rule for user and chat ids wherever they enter — the admin API, the dashboard's forms, both CSV imports — WeCom's
/// own alphabet: letters, digits, <c>_ - . @</c>, starting with a letter or digit. So no id can be a visual twin of
/// another (zero-width, bidi override, look-alike letters) or carry control characters into logs and exports.
/// </summary>
[NonParallelizable]
public sealed class IdRuleTests
{
    private static readonly object[] Refused =
    [
        new object[] { "control character", "wang\u0007" },
        new object[] { "delete (control)", "wang\u007F" },
        new object[] { "C1 control", "wa\u0085ng" },
        new object[] { "tab", "wang\t1" },
        new object[] { "format: zero-width space", "wang\u200B" },
        new object[] { "format: zero-width joiner", "wa\u200Dng" },
        new object[] { "format: byte-order mark", "\uFEFFwang" },
        new object[] { "format: soft hyphen", "wa\u00ADng" },
        new object[] { "bidi: right-to-left override", "wang\u202Egnaw" },
        new object[] { "bidi: isolate", "\u2066wang\u2069" },
        new object[] { "bidi: right-to-left mark", "wang\u200F" },
        new object[] { "space", "wang li" },
        new object[] { "ideographic space", "wang\u3000li" },
        new object[] { "look-alike letter (Cyrillic a)", "w\u0430ng" },
        new object[] { "full-width letters", "ｗａｎｇ" },
        new object[] { "Chinese", "王老师" },
        new object[] { "leading punctuation", "-wang" },
        new object[] { "too long", new string('w', 65) },
    ];

    private static readonly string[] Accepted = ["wang", "zhang.san", "li_4-b@school", "T1", new string('w', 64)];

    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _api = null!;
    private AdminClient _dashboard = null!;

    private string Database => ((BotFactory)_factory).ConnectionString;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new BotFactory(new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = "http://127.0.0.1:9/",
            ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
            ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
        });
        _api = _factory.CreateClient();
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        _dashboard = await AdminClient.SignInAsync(new AdminClient(_factory.Server));
        using var group = await _api.PutAsJsonAsync("/api/groups/chat-ids", new { name = "ids" });
        Assert.That(group.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var dashboardGroup = await _dashboard.PostFormAsync("/admin/groups", "/admin/groups", new() { ["chatId"] = "chat-ids-dashboard", ["name"] = "ids" });
        Assert.That(dashboardGroup.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _dashboard.Dispose();
        _api.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCaseSource(nameof(Refused))]
    public async Task A_user_id_of_this_class_is_refused_everywhere_and_nothing_is_stored(string kind, string id)
    {
        var csv = $"userid,name,department,supervisor\r\n{Quote(id)},某人,,\r\n";
        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["api person"] = await StatusAsync(_api.PutAsJsonAsync($"/api/people/{Uri.EscapeDataString(id)}", new { name = "某人" })),
            ["api supervisor"] = await StatusAsync(_api.PutAsJsonAsync("/api/people/someone", new { name = "某人", supervisor = id })),
            ["api group member"] = await StatusAsync(_api.PutAsJsonAsync("/api/groups/chat-ids", new { name = "ids", members = new[] { id } })),
            ["api group owner"] = await StatusAsync(_api.PutAsJsonAsync("/api/groups/chat-ids", new { name = "ids", owner = id })),
            ["api import"] = await StatusAsync(_api.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"))),
            ["dashboard person"] = await StatusAsync(_dashboard.PostFormAsync("/admin/people", "/admin/people", new() { ["userId"] = id, ["name"] = "某人" })),
            ["dashboard import"] = await StatusAsync(_dashboard.PostFormAsync("/admin/people", "/admin/people/import", new() { ["csv"] = csv })),
            ["dashboard member"] = await StatusAsync(_dashboard.PostFormAsync("/admin/groups/chat-ids-dashboard", "/admin/groups/chat-ids-dashboard/members",
                new() { ["userId"] = id, ["name"] = "某人" })),
            ["dashboard owner"] = await StatusAsync(_dashboard.PostFormAsync("/admin/groups/chat-ids-dashboard", "/admin/groups/chat-ids-dashboard/settings",
                new() { ["name"] = "ids", ["owner"] = id })),
        };

        Assert.That(answers.Where(a => a.Value != HttpStatusCode.BadRequest).Select(a => $"{a.Key}: {(int)a.Value}"), Is.Empty, kind);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM people WHERE user_id = @id OR supervisor = @id", new { id }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM group_members WHERE user_id = @id", new { id }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM groups WHERE owner = @id", new { id }), Is.Zero);
    }

    [TestCaseSource(nameof(Refused))]
    public async Task A_chat_id_of_this_class_is_refused_by_the_api_and_the_dashboard(string kind, string id)
    {
        var chatId = kind switch { "leading punctuation" => id, "too long" => new string('w', 129), _ => "wrk" + id };
        using var api = await _api.PutAsJsonAsync($"/api/groups/{Uri.EscapeDataString(chatId)}", new { name = "x" });
        using var dashboard = await _dashboard.PostFormAsync("/admin/groups", "/admin/groups", new() { ["chatId"] = chatId, ["name"] = "x" });

        Assert.That(new[] { api.StatusCode, dashboard.StatusCode }, Is.All.EqualTo(HttpStatusCode.BadRequest), kind);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM groups WHERE chat_id = @chatId", new { chatId }), Is.Zero);
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task A_wecom_style_id_is_accepted_everywhere(string id)
    {
        using var api = await _api.PutAsJsonAsync($"/api/people/{Uri.EscapeDataString(id)}", new { name = "某人" });
        using var dashboard = await _dashboard.PostFormAsync("/admin/people", "/admin/people", new() { ["userId"] = id, ["name"] = "某人" });
        using var group = await _api.PutAsJsonAsync($"/api/groups/{Uri.EscapeDataString(id)}", new { name = "x", members = new[] { id } });
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(group.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [TestCase("+1+1", "\"'+1+1\"")]
    [TestCase("-1+1", "\"'-1+1\"")]
    [TestCase("@SUM(A1)", "\"'@SUM(A1)\"")]
    [TestCase("＝HYPERLINK(1)", "'＝HYPERLINK(1)")]
    [TestCase("＋1", "'＋1")]
    [TestCase("－1", "'－1")]
    [TestCase("＠SUM(1)", "'＠SUM(1)")]
    [TestCase("\t=1", "\"'\t=1\"")]
    [TestCase("\r=1", "\"'\r=1\"")]
    [TestCase("王老师", "王老师")]
    [TestCase("a=b", "a=b")]
    public void A_csv_field_that_a_spreadsheet_would_run_as_a_formula_is_defused(string value, string expected) =>
        Assert.That(Bot.Host.Notices.NoticeExport.Field(value), Is.EqualTo(expected));

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
