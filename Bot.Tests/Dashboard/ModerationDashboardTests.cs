using System.Net;
using Bot.Tests.Support;
using Dapper;
using Npgsql;

namespace Bot.Tests.Dashboard;

/// <summary>
/// The dashboard's side of moderation: a word the live engine cannot run is refused on the form with the reason in
/// Chinese, a list that fails to load shows on the overview, and 「误判」 takes a strike back.
/// </summary>
[NonParallelizable]
public sealed class ModerationDashboardTests
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

    [TestCase("(?<=赌)博", "regex", "不是可用的正则表达式")]
    [TestCase("q", "plain", "最短长度")]
    public async Task A_word_the_matcher_cannot_use_is_refused_on_the_form_with_the_reason_in_chinese(string pattern, string kind, string reason)
    {
        using var response = await _admin.PostFormAsync("/admin/policy", "/admin/words", new() { ["category"] = "gambling", ["pattern"] = pattern, ["kind"] = kind });
        var page = await response.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(page, Does.Contain("未添加").And.Contain(reason).And.Contain("<form"), "the form, shown again with the reason");
            Assert.That(page, Does.Contain(WebUtility.HtmlEncode(pattern)), "what was typed is kept in the form");
            Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM word_entries WHERE pattern = @pattern", new { pattern }), Is.Zero);
        });
    }

    [Test]
    public async Task A_word_list_that_fails_to_load_shows_on_the_overview()
    {
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("INSERT INTO word_entries (category, pattern, kind, created_at) VALUES ('abuse', '(a)\\1', 'regex', now())");
        using var tried = await _admin.PostFormAsync($"/admin/policy?chat={LiveBot.SandboxChat}", "/admin/policy/try",
            new() { ["chatId"] = LiveBot.SandboxChat, ["senderId"] = "t1", ["text"] = "周末一起去赌博" });
        Assert.That(await tried.Content.ReadAsStringAsync(), Does.Contain("命中"), "judging goes on with the last good lists");

        var overview = await _admin.GetStringAsync("/admin");

        Assert.That(overview, Does.Contain("词库加载失败").And.Contain("(a)\\1").And.Contain("不是可用的正则表达式"));
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("DELETE FROM word_entries WHERE pattern = '(a)\\1'");
    }

    [Test]
    public async Task Misjudged_on_the_violations_page_takes_the_strike_back_and_records_who_and_why()
    {
        long id;
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
        {
            var inbound = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO inbound_messages (dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind, text, mentions, received_at, status, payload)
                VALUES ('fp-dash', 'Robot', @chat, 'Group', 't2', '李老师', 'Text', 'text', '明天我们做爱心卡片', '{}', now(), 'evaluated', '') RETURNING id
                """, new { chat = LiveBot.SandboxChat });
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO violations (chat_id, user_id, inbound_id, rule, category, evidence, strike, at)
                VALUES (@chat, 't2', @inbound, 'banned-content', 'obscenity', 'obscenity 淫秽色情: at 4+2 「做*」 (list entry 1)', true, now()) RETURNING id
                """, new { chat = LiveBot.SandboxChat, inbound });
        }
        var violations = await _admin.GetStringAsync("/admin/violations");
        Assert.That(violations, Does.Contain($"/admin/violations/{id}/dismiss"));
        var form = await _admin.GetStringAsync($"/admin/violations/{id}/dismiss");
        Assert.That(form, Does.Contain("明天我们做爱心卡片").And.Contain("误判原因"));

        using var response = await _admin.PostFormAsync($"/admin/violations/{id}/dismiss", $"/admin/violations/{id}/dismiss",
            new() { ["reason"] = "美术课做爱心卡片", ["allow"] = "" });

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await Db.ScalarAsync<bool>(_bot.ConnectionString, "SELECT strike FROM violations WHERE id = @id", new { id }), Is.False);
            Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT actor FROM audit_log WHERE action = 'violation.dismiss'"), Is.EqualTo("dashboard:admin"));
            Assert.That(await _admin.GetStringAsync("/admin/violations"), Does.Contain("已撤销（误判）"));
        });
    }
}
