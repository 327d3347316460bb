using Bot.Tests.Support;
using Dapper;
using Npgsql;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// A list that fails to build never stops judging: a regex the live engine refuses, written into the table by hand,
/// leaves the last good matcher in service; callbacks still answer 200 and are judged; the failure is counted and told.
/// </summary>
public class WordListFailureTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string MetricsKey = "metrics-key-for-tests";
    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?> { ["Metrics:ApiKey"] = MetricsKey });
        await _bot.SeedPersonAsync("boss", "王主任", "教务处");
        await _bot.SeedPersonAsync("x", "许老师", "语文组");
        await _bot.SeedGroupAsync("g", "教师群", "g-key", "boss", ["boss", "x"], ["boss"]);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task A_bad_entry_forced_into_the_table_keeps_the_last_good_matcher_judging()
    {
        await _bot.PostAsync("g", "x", "许老师", "明天开会");
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO word_entries (category, pattern, kind, created_at) VALUES
                    ('gambling', '(?<=赌)博', 'regex', now()), ('violence', '蓝鲸游戏', 'plain', now())
                """);
        }

        await _bot.PostAsync("g", "x", "许老师", "周末一起去赌博吧"); // answered 200, judged by the last good lists
        await _bot.PostAsync("g", "x", "许老师", "今晚一起玩蓝鲸游戏"); // the new version is not in service
        await _bot.RunWorkersAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(_bot.GroupPosts.Select(p => p.Content), Has.One.Contains("赌博"));
            Assert.That(_bot.GroupPosts.Select(p => p.Content), Has.None.Contains("暴力"));
            Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM inbound_messages WHERE status = 'evaluated'"), Is.EqualTo(3));
            // /metrics answers loopback or a scraper's key; the in-process test server has no remote address.
            using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
            scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsKey);
            using var scraped = await _bot.Client.SendAsync(scrape);
            var metrics = await scraped.Content.ReadAsStringAsync();
            Assert.That(metrics, Does.Contain("bot_word_lists_stale 1").And.Contain("bot_word_list_build_failures_total"));
        });
    }

    [Test]
    public async Task Once_the_bad_entry_is_deleted_the_newest_lists_judge()
    {
        await _bot.PostAsync("g", "x", "许老师", "明天开会");
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO word_entries (category, pattern, kind, created_at) VALUES
                ('gambling', '(\w)\1', 'regex', now()), ('violence', '蓝鲸游戏', 'plain', now())
            """);
        await _bot.PostAsync("g", "x", "许老师", "随便说一句");

        await connection.ExecuteAsync("DELETE FROM word_entries WHERE kind = 'regex' AND pattern = '(\\w)\\1'");
        await _bot.PostAsync("g", "x", "许老师", "今晚一起玩蓝鲸游戏");
        await _bot.RunWorkersAsync();

        Assert.That(_bot.GroupPosts.Single().Content, Does.Contain("暴力"));
    }
}
