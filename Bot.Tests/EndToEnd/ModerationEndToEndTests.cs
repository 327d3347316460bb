using Bot.Tests.Support;
using Npgsql;
using Dapper;

namespace Bot.Tests.EndToEnd;

/// <summary>Moderation observed from outside: encrypted callbacks in, WeCom API calls out, the record in PostgreSQL.</summary>
public class ModerationEndToEndTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning);
        await _bot.SeedPersonAsync("boss", "王主任", "教务处");
        await _bot.SeedPersonAsync("x", "许老师", "语文组");
        await _bot.SeedGroupAsync("g", "教师群", "g-key", "boss", ["boss", "x"], ["boss"]);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task A_banned_word_gets_a_group_warning_naming_the_category_not_the_word()
    {
        await _bot.PostAsync("g", "x", "许老师", "周末一起去网上赌*博吧");
        await _bot.RunWorkersAsync();

        var warning = _bot.GroupPosts.Single();
        Assert.That(warning.MentionedList, Is.EqualTo(new[] { "x" }));
        Assert.That(warning.Content, Does.Contain("赌博").And.Contain("撤回").And.Not.Contain("赌*博"));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT category FROM violations"), Is.EqualTo("gambling"));
    }

    [Test]
    public async Task A_word_added_through_storage_flags_the_very_next_message_without_a_restart()
    {
        await _bot.PostAsync("g", "x", "许老师", "今晚一起玩蓝鲸游戏");
        await _bot.RunWorkersAsync();
        Assert.That(_bot.GroupPosts, Is.Empty);

        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("INSERT INTO word_entries (category, pattern, kind, created_at) VALUES ('violence', '蓝鲸游戏', 'plain', now())");

        await _bot.PostAsync("g", "x", "许老师", "今晚一起玩蓝鲸游戏");
        await _bot.RunWorkersAsync();
        Assert.That(_bot.GroupPosts.Single().Content, Does.Contain("暴力"));
    }

    [Test]
    public async Task The_third_strike_within_the_window_tells_the_owner_privately_and_a_strike_outside_it_does_not()
    {
        await _bot.PostAsync("g", "x", "许老师", "加我微信代开发票");
        await _bot.AdvanceAsync(TimeSpan.FromDays(31));
        await _bot.PostAsync("g", "x", "许老师", "加我微信代开发票");
        await _bot.PostAsync("g", "x", "许老师", "代开发票，量大从优");
        await _bot.RunWorkersAsync();
        Assert.That(_bot.PrivateMessages.Where(m => m.ToUser == "boss"), Is.Empty, "the first strike fell out of the 30-day window");

        await _bot.PostAsync("g", "x", "许老师", "专业代开发票");
        await _bot.RunWorkersAsync();
        var toOwner = _bot.PrivateMessages.Where(m => m.ToUser == "boss").ToList();
        Assert.That(toOwner, Has.Count.EqualTo(1));
        Assert.That(toOwner[0].Content, Does.Contain("许老师").And.Contain("移出"));
    }

    [Test]
    public async Task Observe_mode_records_the_violation_and_sends_nothing()
    {
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("""UPDATE groups SET policy = '{"modes":{"banned-content":"Observe"}}' WHERE chat_id = 'g'""");

        await _bot.PostAsync("g", "x", "许老师", "网上赌博稳赚不赔");
        await _bot.RunWorkersAsync();

        Assert.That(_bot.WeCom.Delivered, Is.Empty);
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM violations WHERE rule = 'banned-content'"), Is.GreaterThan(0));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM violations WHERE strike"), Is.Zero, "observing counts no strike");
        var verdicts = await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT verdicts::text FROM inbound_messages");
        var banned = System.Text.Json.JsonDocument.Parse(verdicts).RootElement.EnumerateArray()
            .Single(v => v.GetProperty("rule").GetString() == "banned-content");
        Assert.That((banned.GetProperty("mode").GetString(), banned.GetProperty("outcome").GetString()), Is.EqualTo(("Observe", "Hit")));
    }

    [Test]
    public async Task A_post_at_23_05_Shanghai_gets_a_private_reminder_and_no_group_post()
    {
        await _bot.AdvanceAsync(new DateTimeOffset(2026, 11, 25, 23, 5, 0, TimeSpan.FromHours(8)) - _bot.Now);
        await _bot.PostAsync("g", "x", "许老师", "明天的课调一下");
        await _bot.AdvanceAsync(TimeSpan.FromHours(8));

        Assert.That(_bot.GroupPosts, Is.Empty);
        Assert.That(_bot.PrivateMessages.Single().ToUser, Is.EqualTo("x"));
        var verdicts = await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT verdicts::text FROM inbound_messages");
        Assert.That(verdicts, Does.Contain("23:05 in 23:00–06:30 Asia/Shanghai"));
    }
}
