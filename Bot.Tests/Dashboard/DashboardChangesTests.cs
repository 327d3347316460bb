using System.Net;
using Bot.Storage;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Dashboard;

/// <summary>Changes made on the dashboard reach PostgreSQL whole or not at all, and each one is audited with its administrator.</summary>
[NonParallelizable]
public sealed class DashboardChangesTests
{
    private LiveBot _bot = null!;
    private AdminClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bot = LiveBot.Start();
        _admin = await AdminClient.SignedInAsync(_bot.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _admin.Dispose();
        await _bot.DisposeAsync();
    }

    [Test]
    public async Task A_csv_import_with_bad_rows_imports_nothing_and_names_each_bad_row()
    {
        const string csv = "userid,name,department,supervisor\nc1,甲老师,语文组,li\nbad id,乙老师,语文组,\nc3,,数学组,\nc4,丁老师,数学组,nobody\nc1,重复,语文组,";
        using var response = await _admin.PostFormAsync("/admin/people", "/admin/people/import", new() { ["csv"] = csv });
        var page = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(page, Does.Contain("第3行").And.Contain("第4行").And.Contain("第6行").And.Contain("未导入任何数据"));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM people WHERE user_id LIKE 'c%'"), Is.Zero);
    }

    [Test]
    public async Task A_csv_import_whose_supervisor_is_unknown_imports_nothing()
    {
        using var response = await _admin.PostFormAsync("/admin/people", "/admin/people/import", new() { ["csv"] = "d1,戊老师,语文组,li\nd2,己老师,语文组,ghost" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("第2行：负责人「ghost」不在文件中，也不在通讯录中"));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM people WHERE user_id LIKE 'd%'"), Is.Zero);
    }

    [Test]
    public async Task A_good_csv_import_writes_everyone_and_one_audit_row_by_the_administrator()
    {
        using var response = await _admin.PostFormAsync("/admin/people", "/admin/people/import", new() { ["csv"] = "e1,庚老师,语文组,e2\ne2,辛组长,语文组,qian" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var supervisor = await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT supervisor FROM people WHERE user_id = 'e1'");
        Assert.That(supervisor, Is.EqualTo("e2"));
        var actor = await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT actor FROM audit_log WHERE action = 'people.imported'");
        Assert.That(actor, Is.EqualTo("dashboard:admin"));
    }

    [Test]
    public async Task The_policy_json_is_saved_only_when_confirmed_never_empty_and_a_bad_value_is_refused_naming_the_setting()
    {
        var path = $"/admin/policy?chat={LiveBot.SandboxChat}";
        var action = $"/admin/policy/{LiveBot.SandboxChat}/json";
        var before = await Db.ScalarAsync<string>(_bot.ConnectionString, $"SELECT policy::text FROM groups WHERE chat_id = '{LiveBot.SandboxChat}'");

        using var unconfirmed = await _admin.PostFormAsync(path, action, new() { ["overrides"] = """{"replyWindow":"00:10:00"}""" });
        using var empty = await _admin.PostFormAsync(path, action, new() { ["overrides"] = "  ", ["confirmed"] = "yes" });
        using var bad = await _admin.PostFormAsync(path, action, new() { ["overrides"] = """{"replyWindow":"soon"}""", ["confirmed"] = "yes" });
        Assert.That(new[] { unconfirmed.StatusCode, empty.StatusCode, bad.StatusCode }, Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("JSON 为空，未保存"));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("「回复期限」须为大于0的时长"));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, $"SELECT policy::text FROM groups WHERE chat_id = '{LiveBot.SandboxChat}'"), Is.EqualTo(before));

        using var good = await _admin.PostFormAsync(path, action, new() { ["overrides"] = """{"replyWindow":"00:10:00","quietHours":[]}""", ["confirmed"] = "yes" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var saved = await Db.ScalarAsync<string>(_bot.ConnectionString, $"SELECT policy->>'replyWindow' FROM groups WHERE chat_id = '{LiveBot.SandboxChat}'");
        Assert.That(saved, Is.EqualTo("00:10:00"));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'group.policy-saved' AND actor = 'dashboard:admin'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Removing_a_member_takes_them_off_the_roster_and_is_audited()
    {
        var path = $"/admin/groups/{LiveBot.SandboxChat}";
        using var unconfirmed = await _admin.PostFormAsync(path, $"{path}/members/remove", new() { ["userId"] = "t6" });
        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "one click removes nobody");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, $"SELECT count(*) FROM group_members WHERE chat_id = '{LiveBot.SandboxChat}' AND user_id = 't6'"), Is.EqualTo(1));

        using var response = await _admin.PostFormAsync(path, $"{path}/members/remove", new() { ["userId"] = "t6", ["confirmed"] = "yes" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, $"SELECT count(*) FROM group_members WHERE chat_id = '{LiveBot.SandboxChat}' AND user_id = 't6'"), Is.Zero);
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT subject FROM audit_log WHERE action = 'group.member-removed'"), Is.EqualTo($"group:{LiveBot.SandboxChat}"));
    }

    [Test]
    public async Task Removing_someone_not_on_the_roster_changes_nothing_and_audits_nothing()
    {
        using var response = await _admin.PostFormAsync($"/admin/groups/{LiveBot.SandboxChat}", $"/admin/groups/{LiveBot.SandboxChat}/members/remove",
            new() { ["userId"] = "never-a-member", ["confirmed"] = "yes" });

        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString,
            "SELECT count(*) FROM audit_log WHERE action = 'group.member-removed' AND detail->>'userId' = 'never-a-member'"), Is.Zero,
            "the audit log records no removal that did not happen");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("done=member-not-in-roster"), "the page says nothing changed");
    }

    [Test]
    public async Task A_group_that_cannot_be_posted_to_is_fixed_on_its_page_by_saying_its_robot_is_in_it_alone()
    {
        using (await _admin.PostFormAsync("/admin/groups", "/admin/groups", new() { ["chatId"] = "wrkUnrouted", ["name"] = "未确认的群", ["webhookKey"] = "robot-key-1" })) { }
        const string page = "/admin/groups/wrkUnrouted";
        Assert.That(await _admin.GetStringAsync(page), Does.Contain("无法推送").And.Contain("未标明只属于本群"), "a key of a robot that may be in other groups");

        using var response = await _admin.PostFormAsync(page, $"{page}/settings",
            new() { ["name"] = "未确认的群", ["owner"] = "", ["webhookKey"] = "", ["routing"] = "yes", ["webhookKeyExclusive"] = "true" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await _admin.GetStringAsync(page);
        Assert.That(after, Does.Not.Contain("无法推送").And.Contain("已标明只属于本群"));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT webhook_key FROM groups WHERE chat_id = 'wrkUnrouted'"), Is.EqualTo("robot-key-1"), "a blank key field keeps the key");
    }

    [Test]
    public async Task Remind_now_on_the_notice_page_mentions_those_still_owing_through_the_same_service_as_the_api()
    {
        var notice = await PostNoticeAsync("明早升旗。收到请回复：我已知晓，马上照办！", ["t2", "t3", "t4"], repliedBy: "t2");

        var page = await _admin.GetStringAsync($"/admin/notices/{notice}");
        Assert.That(page, Does.Contain("立即提醒（@2 位未回复成员）"));
        using var response = await _admin.PostFormAsync($"/admin/notices/{notice}", $"/admin/notices/{notice}/remind", []);

        Assert.That(response.Headers.Location?.ToString(), Does.Contain("done=reminded&n=2"));
        Assert.That(await _admin.GetStringAsync(response.Headers.Location!.ToString()), Does.Contain("群内提醒（@2人）将尽快发出"));
        var payload = await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT payload::text FROM outbox WHERE idempotency_key LIKE @key",
            new { key = $"admin:remind:{notice}:%" });
        Assert.That(payload, Does.Contain("[\"t3\", \"t4\"]"), "the two still owing, not the one who replied");
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT actor FROM audit_log WHERE action = 'notice.remind' AND subject = @subject",
            new { subject = $"notice:{notice}" }), Is.EqualTo("dashboard:admin"));
    }

    [Test]
    public async Task Remind_now_on_a_cancelled_notice_is_refused_in_Chinese_and_nothing_is_sent()
    {
        var notice = await PostNoticeAsync("下午开会。收到请回复：我已知晓，马上照办！", ["t2", "t3"]);
        var now = DateTimeOffset.UtcNow;

        await Db.ScalarAsync<int>(_bot.ConnectionString, "UPDATE notices SET stage = 'Cancelled', closed_at = @now WHERE id = @notice RETURNING 1", new { notice, now });

        using var response = await _admin.PostFormAsync("/admin/people", $"/admin/notices/{notice}/remind", []);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("已撤销，不再提醒"));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM outbox WHERE idempotency_key LIKE @key",
            new { key = $"%:remind:{notice}:%" }), Is.Zero, "nobody is reminded of a cancelled notice");
    }

    [Test]
    public async Task A_webhook_key_set_on_the_group_page_is_stored_but_never_shown()
    {
        using var response = await _admin.PostFormAsync("/admin/groups", "/admin/groups", new() { ["chatId"] = "wrkKeyed", ["name"] = "有密钥的群", ["webhookKey"] = "very-secret-webhook-key" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT webhook_key FROM groups WHERE chat_id = 'wrkKeyed'"), Is.EqualTo("very-secret-webhook-key"));
        foreach (var page in new[] { "/admin/groups", "/admin/groups/wrkKeyed", "/admin/audit", "/admin/policy?chat=wrkKeyed" })
            Assert.That(await _admin.GetStringAsync(page), Does.Not.Contain("very-secret-webhook-key"), page);
    }

    /// <summary>A notice in the sandbox group asking <paramref name="asked"/>, with <paramref name="repliedBy"/>'s reply already in.</summary>
    private async Task<long> PostNoticeAsync(string text, string[] asked, string? repliedBy = null)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var notice = await NoticeStore.InsertAsync(connection, transaction, LiveBot.SandboxChat, null, "t1", text, "我已知晓，马上照办", now, now.AddHours(1), asked, default);
        if (repliedBy is not null) await NoticeStore.RecordReplyAsync(connection, transaction, notice, repliedBy, now, false, default);
        await transaction.CommitAsync();
        return notice;
    }
}
