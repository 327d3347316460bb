using System.Net;
using Bot.Host.Outbound;
using Bot.Host.Spool;
using Bot.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Spool;

/// <summary>
/// PostgreSQL stopped under the in-process host (its own cluster), with the clock and the workers in the test's hands:
/// what a spooled callback means for deadlines, what readiness and metrics say, and what happens when the spool is full.
/// </summary>
[NonParallelizable]
public class SpoolOutageTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","quietHours":[]}""";
    private const string MetricsKey = "metrics-key-for-tests";
    private PostgresCluster _cluster = null!;

    [OneTimeSetUp]
    // Commits durable, as in production: a server stopped in mode immediate keeps every commit it acknowledged.
    public void CreateCluster() => _cluster = PostgresCluster.Create(durableCommits: true);

    [OneTimeTearDown]
    public void RemoveCluster() => _cluster.Dispose();

    private bool _stopped;

    private void StopDatabase()
    {
        _cluster.Stop();
        _stopped = true;
    }

    private void StartDatabase()
    {
        _cluster.Start();
        _stopped = false;
    }

    // A test that failed in the middle of its outage must not leave the next one without a database.
    [TearDown]
    public void RestartIfStopped()
    {
        if (_stopped) StartDatabase();
    }

    /// <remarks>
    /// A reply that came in time but waited in the spool must be counted before its notice's deadline is decided, or its
    /// author is reminded (a false accusation). Here the timer worker gets to run before the replay, as it may when the
    /// database returns: it holds the deadline until the spool is replayed.
    /// </remarks>
    [Test]
    public async Task A_reply_spooled_before_the_deadline_is_counted_before_the_deadline_is_decided()
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?> { ["Metrics:ApiKey"] = MetricsKey },
            connectionString: _cluster.CreateDatabase());
        await bot.SeedPersonAsync("wang", "王主任", "教务处");
        await bot.SeedGroupAsync("wrkOutage", "停电群", "key-outage", "wang", ["wang", "t1", "t2"], ["wang"], Policy);
        await bot.PostAsync("wrkOutage", "wang", "王主任", "明天上午9点开会。收到请回复：我已知晓，马上照办！");
        bot.Factory.Time.Advance(TimeSpan.FromMinutes(10));

        StopDatabase();
        await bot.PostAsync("wrkOutage", "t1", "张老师", "我已知晓，马上照办");
        using var ready = await bot.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        var readiness = await ready.Content.ReadAsStringAsync();
        using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", MetricsKey);
        using var scraped = await bot.Client.SendAsync(scrape);
        var metrics = await scraped.Content.ReadAsStringAsync();
        bot.Factory.Time.Advance(TimeSpan.FromMinutes(21));
        StartDatabase();

        var timers = bot.Factory.Services.GetRequiredService<TimerWorker>();
        var heldBack = await WhenReachableAsync(() => timers.FireDueAsync(CancellationToken.None));
        var replayer = bot.Factory.Services.GetRequiredService<SpoolReplayer>();
        while (await WhenReachableAsync(() => replayer.ReplayOnceAsync(CancellationToken.None)) > 0)
        {
        }

        await bot.RunWorkersAsync();
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready: callbacks are still taken, onto the disk");
            Assert.That(readiness, Does.Contain("database: unreachable").And.Contain("spool: 1 callbacks waiting"));
            Assert.That(metrics, Does.Contain("bot_spool_records 1"));
            Assert.That(heldBack, Is.Zero, "the deadline waited for the spooled reply");
            Assert.That(bot.GroupPosts.Where(p => p.MentionedList.Count > 0).Select(p => p.MentionedList), Is.EqualTo(new[] { new[] { "t2" } }),
                "only the one who did not reply is reminded");
        });
    }

    [Test]
    public async Task When_the_spool_is_full_a_callback_in_an_outage_is_answered_503_naming_the_limit_and_readiness_goes_red()
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?> { ["Spool:MaxBytes"] = "1048576" },
            connectionString: _cluster.CreateDatabase());
        // Each callback is a long post (about 100 KB of text), so a few fill the smallest spool allowed (1 MB).
        var longPost = string.Concat(Enumerable.Repeat("今天的会议记录如下，请各位老师仔细阅读。", 1600));

        StopDatabase();
        var answers = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 12 && refusal is null; i++)
        {
            using var response = await bot.Robot.PostAsync(Payloads.RobotText($"full-{i}", "wrkFull", "t1", "张老师", longPost), bot.Now.ToUnixTimeSeconds());
            answers.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK) refusal = await response.Content.ReadAsStringAsync();
        }

        using var ready = await bot.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        StartDatabase();
        var replayer = bot.Factory.Services.GetRequiredService<SpoolReplayer>();
        while (await WhenReachableAsync(() => replayer.ReplayOnceAsync(CancellationToken.None)) > 0)
        {
        }

        var accepted = answers.Count(a => a == HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That(accepted, Is.InRange(3, 10), "the spool took callbacks until it was full");
            Assert.That(answers[^1], Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(refusal, Does.Contain("spool is full").And.Contain("Spool:MaxBytes"));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a full spool cannot take callbacks: not ready");
            Assert.That(await Db.ScalarAsync<long>(bot.ConnectionString, "SELECT count(*) FROM inbound_messages"), Is.EqualTo(accepted),
                "every callback answered 200 is in the database");
        });
    }

    /// <summary>Runs <paramref name="work"/>, again while the database's first answers after its restart are broken connections.</summary>
    private static async Task<T> WhenReachableAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex) && attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }
}
