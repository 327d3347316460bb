using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// PostgreSQL stopped under traffic (its own cluster, so no other test is touched), with the host running as a process:
/// callbacks answer 503 fast enough for WeCom to retry, readiness goes red, nothing is half-written, and when the
/// database is back traffic, deadlines and the outbox resume with no one touching the host.
/// </summary>
[NonParallelizable]
public class DatabaseOutageTests
{
    [Test]
    public async Task Stopping_PostgreSQL_under_traffic_gives_fast_503s_and_everything_resumes_when_it_returns()
    {
        using var cluster = PostgresCluster.Create(durableCommits: true);
        var db = cluster.CreateDatabase();
        // The test's own reads must not reuse pooled connections the outage broke: this checks the host's pool, not ours.
        var check = db + ";Pooling=false";
        await using var fake = await FakeWeComServer.StartAsync(new Bot.Host.FakeWeCom.FakeWeComState { CorpId = WeComVectors.CorpIdA, CorpSecret = BotWithFakeWeCom.AppSecret, AgentId = 1000002 });
        await using var host = await HostProcess.StartAsync(db, new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = fake.BaseUri.ToString(),
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await NoticeTraffic.SeedAsync(check, "outage", groups: 1);
        const string policy = """{"replyWindow":"00:00:04","explanationWindow":"01:00:00","quietHours":[]}""";
        await Db.ScalarAsync<int>(check, "UPDATE groups SET policy = @policy::jsonb RETURNING 1", new { policy });
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        var robot = CallbackSender.Robot(http);
        var chat = NoticeTraffic.Chat("outage", 0);

        using (var notice = await robot.PostAsync(Payloads.RobotText("outage-notice", chat, "boss", "王主任", "停电演练。收到请回复：我已知晓，马上照办！"), Now))
            Assert.That(notice.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Traffic: one chat message every 50 ms, each timed.
        var results = new ConcurrentQueue<(string MsgId, HttpStatusCode? Status, double Ms, TimeSpan At)>();
        using var stopTraffic = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stopTraffic.IsCancellationRequested; i++)
            {
                var msgId = $"outage-{i}";
                var started = Stopwatch.GetTimestamp();
                HttpStatusCode? status = null;
                try
                {
                    using var response = await robot.PostAsync(Payloads.RobotText(msgId, chat, "m3", "刘老师", $"第{i}条"), Now);
                    status = response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Recorded as no answer.
                }

                results.Enqueue((msgId, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, clock.Elapsed));
                await Task.Delay(50, CancellationToken.None);
            }
        });

        await Task.Delay(1000);
        var stoppedAt = clock.Elapsed;
        cluster.Stop();
        await Task.Delay(1500);
        using var readyDuringOutage = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var readyStatusDuringOutage = readyDuringOutage.StatusCode;
        await Task.Delay(4500); // the notice's 4 s deadline passes while the database is down

        // Nothing half-written: what the database holds is exactly what was answered 200.
        var startedAt = clock.Elapsed;
        cluster.Start();
        var okBeforeOutage = results.Where(r => r.Status == HttpStatusCode.OK && r.At < stoppedAt).Select(r => r.MsgId).ToHashSet();
        var recovered = await WaitAsync(() => Task.FromResult(results.Any(r => r.At > startedAt && r.Status == HttpStatusCode.OK)), TimeSpan.FromSeconds(30));
        var recoveredAfter = results.Where(r => r.At > startedAt && r.Status == HttpStatusCode.OK).Select(r => r.At - startedAt).DefaultIfEmpty().Min();
        await stopTraffic.CancelAsync();
        await traffic;

        var all = results.ToList();
        var during = all.Where(r => r.At > stoppedAt + TimeSpan.FromMilliseconds(200) && r.At < startedAt).ToList();
        var okIds = all.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.MsgId).ToHashSet();
        var stored = (await Db.QueryAsync<string>(check, "SELECT dedupe_key FROM inbound_messages WHERE dedupe_key LIKE 'outage-%' AND dedupe_key <> 'outage-notice'")).ToHashSet();
        var refused = all.Where(r => r.Status != HttpStatusCode.OK).ToList();
        var maxMs = during.Select(r => r.Ms).DefaultIfEmpty().Max();
        await TestContext.Out.WriteLineAsync($"{all.Count} callbacks: {okIds.Count} answered 200, {refused.Count} refused " +
            $"({string.Join(", ", refused.GroupBy(r => r.Status?.ToString() ?? "no answer").Select(g => $"{g.Key}×{g.Count()}"))}); " +
            $"during the outage {during.Count} answered in at most {maxMs:F0} ms (p50 {Percentile(during.Select(r => r.Ms), 0.5):F0} ms); " +
            $"readyz during outage {(int)readyStatusDuringOutage}; first 200 {recoveredAfter.TotalSeconds:F1} s after PostgreSQL started");

        // WeCom retries what got no 200; the host was never restarted or touched.
        foreach (var r in refused)
        {
            using var retry = await robot.PostAsync(Payloads.RobotText(r.MsgId, chat, "m3", "刘老师", "重试"), Now);
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"the retry of {r.MsgId}");
        }

        var reminded = await WaitAsync(() => Task.FromResult(NoticeTraffic.RemindersByKey(fake.State).GetValueOrDefault(NoticeTraffic.Key("outage", 0)) == 1), TimeSpan.FromSeconds(30));
        using var readyAfter = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(okBeforeOutage, Is.Not.Empty, "traffic flowed before the outage");
            Assert.That(during, Is.Not.Empty);
            Assert.That(during.Select(r => r.Status), Has.All.EqualTo(HttpStatusCode.ServiceUnavailable), "503 during the outage, so WeCom retries");
            Assert.That(maxMs, Is.LessThan(5000), "within WeCom's 5 seconds");
            Assert.That((int)readyStatusDuringOutage, Is.EqualTo(503), "readiness is red");
            Assert.That(stored, Is.EquivalentTo(okIds), "exactly the callbacks answered 200 are stored: none half-written, none lost");
            Assert.That(recovered, Is.True, "callbacks are accepted again once PostgreSQL is back");
            Assert.That(reminded, Is.True, "the deadline that passed during the outage fired and its reminder was sent, once");
            Assert.That(readyAfter.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await Db.ScalarAsync<long>(check, "SELECT count(*) FROM inbound_messages"), Is.EqualTo(all.Count + 1));
        });
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }

        return await condition();
    }
}
