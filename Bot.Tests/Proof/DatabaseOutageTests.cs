using System.Diagnostics;
using System.Net;
using Bot.Host.FakeWeCom;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// PostgreSQL stopped under traffic for longer than WeCom's patience (its own cluster, so no other test is touched), with
/// the host as a process: every callback is answered 200 from the spool, the host is killed with SIGKILL during the
/// outage and again while it replays, and in the end every message is in the database once, in each group's order,
/// judged once, and each notice whose deadline passed during the outage reminds exactly those who did not reply.
/// </summary>
/// <remarks>
/// Why this length proves the point: WeCom waits 5 s for an answer and retries an unanswered callback three times, then
/// drops it (shared/design/WECOM.md), so the last delivery of a message comes about 15 s after its first. Answering 503
/// during an outage (what the host did before the spool) loses every message whose deliveries all fall inside the
/// outage: with an outage of <see cref="Outage"/> those are the messages of its first seconds. The test sends each
/// message once and never retries an answered one, and it checks that such messages exist and are stored. A longer outage
/// changes only how much waits in the spool: <c>scripts/bench-outage.sh</c> runs this test with a 2-minute outage
/// (<c>BOT_OUTAGE_SECONDS=120</c>); its result is in docs/benchmarks.md.
/// </remarks>
[NonParallelizable]
public class DatabaseOutageTests
{
    private static readonly TimeSpan WeComPatience = TimeSpan.FromSeconds(15);

    private static TimeSpan Outage =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("BOT_OUTAGE_SECONDS"), out var seconds) ? seconds : 17);

    // Twenty callbacks a second spread over enough groups that no member posts often enough to trip the flood rule
    // (8 a minute): the only rule hits are the advertisements, and each group's robot stays far below its 20 posts a minute.
    private static readonly int Groups = Math.Max(20, (int)Outage.TotalSeconds);

    private static readonly TimeSpan ReplyWindow = TimeSpan.FromSeconds(Math.Max(5, (int)(Groups * 0.15)));

    [Test]
    public async Task An_outage_longer_than_WeComs_patience_with_kill_9_during_it_and_during_the_replay_loses_nothing_and_judges_nothing_twice()
    {
        using var cluster = PostgresCluster.Create(durableCommits: true);
        var db = cluster.CreateDatabase();
        // The test's own reads must not reuse pooled connections the outage broke.
        var check = db + ";Pooling=false";
        var spool = Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");
        await using var fake = await FakeWeComServer.StartAsync(new FakeWeComState { CorpId = WeComVectors.CorpIdA, CorpSecret = BotWithFakeWeCom.AppSecret, AgentId = 1000002 });
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = fake.BaseUri.ToString(),
            ["Outbox:PollInterval"] = "00:00:00.200",
            // A send claimed by a killed host waits for its lease before another takes it over: short here, as in CrashSafetyTests.
            ["Outbox:Lease"] = "00:00:05",
            ["Spool:Directory"] = spool,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var a = await HostProcess.StartAsync(db, settings);
        await NoticeTraffic.SeedAsync(db, "outage", Groups);
        // The reply deadline passes during the outage, after m1 and m2 replied into the spool (two rounds over the groups).
        var policy = $$"""{"replyWindow":"{{ReplyWindow:hh\:mm\:ss}}","explanationWindow":"01:00:00","quietHours":[]}""";
        await Db.ScalarAsync<int>(db, "UPDATE groups SET policy = @policy::jsonb RETURNING 1", new { policy });
        var traffic = new Traffic(a.BaseUri);
        var notices = await Task.WhenAll(Enumerable.Range(0, Groups).Select(g => traffic.SendAsync(g, "boss", "王主任", "停电演练：明天开会。收到请回复：我已知晓，马上照办！")));
        Assert.That(notices, Has.All.EqualTo(HttpStatusCode.OK));

        // The outage: a callback every 50 ms; A is killed near its end, in the middle of the traffic.
        cluster.Stop();
        var stoppedAt = traffic.Elapsed;
        string? readyDuringOutage = null, metricsDuringOutage = null;
        while (traffic.Elapsed - stoppedAt < Outage - TimeSpan.FromSeconds(2))
        {
            await traffic.SendNextAsync();
            if (readyDuringOutage is null && traffic.Elapsed - stoppedAt > TimeSpan.FromSeconds(3))
                (readyDuringOutage, metricsDuringOutage) = (await traffic.GetAsync("/readyz"), await traffic.GetAsync("/metrics"));
            await Task.Delay(50);
        }

        var killInFlight = traffic.SendNextAsync();
        a.Kill();
        await killInFlight;
        var outputA = a.Output;
        await a.DisposeAsync();
        while (traffic.Elapsed - stoppedAt < Outage) await Task.Delay(50);
        cluster.Start();
        var startedAt = traffic.Elapsed;

        // B replays the spool one callback per transaction (slow enough to be caught in the middle) and is killed mid-way.
        var spooled = traffic.AnsweredOk.Where(m => m.SentAt > stoppedAt).Select(m => m.MsgId).ToArray();
        await using var b = HostProcess.Launch(db, new Dictionary<string, string?>(settings) { ["Inbound:MaxBatchSize"] = "1" });
        var replayedWhenKilled = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60) && !b.HasExited)
        {
            replayedWhenKilled = await Db.ScalarAsync<long>(check, "SELECT count(*) FROM inbound_messages WHERE dedupe_key = ANY(@spooled)", new { spooled });
            if (replayedWhenKilled >= spooled.Length / 4)
            {
                b.Kill();
                break;
            }

            await Task.Delay(10);
        }

        var outputB = b.Output;

        // C finishes the replay; then WeCom delivers again what got no answer.
        await using var c = await HostProcess.StartAsync(db, settings);
        traffic.Target = c.BaseUri;
        foreach (var (msgId, group, user, name, text) in traffic.Unanswered.ToList())
            Assert.That(await traffic.SendAsync(group, user, name, text, msgId), Is.EqualTo(HttpStatusCode.OK), $"WeCom's retry of {msgId}");
        var drained = await WaitAsync(async () => (await traffic.GetAsync("/readyz")).Contains("spool: 0 callbacks waiting", StringComparison.Ordinal)
            && NoticeTraffic.RemindersByKey(fake.State).Count == Groups, TimeSpan.FromSeconds(60));

        var drainedAfter = traffic.Elapsed - startedAt;
        var sent = traffic.All.Select(m => m.MsgId).ToHashSet();
        var stored = (await Db.QueryAsync<(long Id, string Key, string Chat)>(check, "SELECT id, dedupe_key, chat_id FROM inbound_messages ORDER BY id")).ToList();
        var untouchedByRetries = traffic.AnsweredOk.Where(m => m.SentAt > stoppedAt && m.SentAt < startedAt - WeComPatience).ToList();
        var reminders = fake.State.Delivered.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend && r.Content?.Contains("未回复提醒", StringComparison.Ordinal) == true).ToList();
        var outage = traffic.All.Where(m => m.SentAt > stoppedAt && m.SentAt < startedAt && m.Status is not null).ToList();
        await TestContext.Out.WriteLineAsync($"outage {(startedAt - stoppedAt).TotalSeconds:F1} s: {outage.Count} callbacks answered " +
            $"({outage.Count(m => m.Status == HttpStatusCode.OK)} × 200, slowest {outage.Max(m => m.Ms):F0} ms), {traffic.Unanswered.Count} unanswered at the kill; " +
            $"{untouchedByRetries.Count} sent more than {WeComPatience.TotalSeconds} s before PostgreSQL returned; " +
            $"B killed after replaying {replayedWhenKilled} of {spooled.Length}; spool empty and every reminder sent {drainedAfter.TotalSeconds:F1} s " +
            $"after PostgreSQL returned (two host starts included); {stored.Count} stored");

        Assert.Multiple(async () =>
        {
            Assert.That(outage.Select(m => m.Status), Has.All.EqualTo(HttpStatusCode.OK), "every callback during the outage answered 200, from the spool");
            Assert.That(outage.Max(m => m.Ms), Is.LessThan(5000), "within WeCom's 5 seconds");
            Assert.That(readyDuringOutage, Does.StartWith("ready").And.Contain("database: unreachable").And.Match(@"spool: [1-9]\d* callbacks waiting"));
            Assert.That(metricsDuringOutage, Does.Match(@"bot_spool_records [1-9]"));
            Assert.That(untouchedByRetries, Is.Not.Empty, "messages whose every WeCom delivery fell inside the outage (lost when it answered 503)");
            Assert.That(replayedWhenKilled, Is.InRange(1, spooled.Length - 1), "B was killed in the middle of its replay");
            Assert.That(drained, Is.True, "the spool replayed and emptied, every deadline fired and its reminder sent");
            Assert.That(stored.Select(s => s.Key), Is.EquivalentTo(sent), "every message stored, exactly once");
            foreach (var g in Enumerable.Range(0, Groups))
            {
                var chat = NoticeTraffic.Chat("outage", g);
                var inArrivalOrder = traffic.AnsweredOk.Where(m => m.Group == g).Select(m => m.MsgId).ToList();
                Assert.That(stored.Where(s => s.Chat == chat && inArrivalOrder.Contains(s.Key)).Select(s => s.Key), Is.EqualTo(inArrivalOrder),
                    $"{chat}: judged in the order WeCom delivered");
            }

            Assert.That(await Db.ScalarAsync<long>(check, "SELECT count(*) FROM violations WHERE rule = 'banned-content'"), Is.EqualTo(traffic.Ads),
                "each advertisement judged once: one violation each, though part of the spool was replayed twice");
            Assert.That(reminders.Select(r => r.MentionedList).ToList(), Has.Count.EqualTo(Groups).And.All.EqualTo(new[] { "m3", "m4" }),
                "one reminder per notice, naming only those who did not reply (m1 and m2 replied into the spool before the deadline)");
            Assert.That(await Db.ScalarAsync<long>(check, "SELECT count(*) FROM spool_backlog"), Is.Zero);
            Assert.That(new FileInfo(Path.Combine(spool, Environment.MachineName + ".spool")).Length, Is.Zero, "the spool emptied after the commit");
            Assert.That(outputA + outputB + c.Output, Does.Not.Contain(WeComVectors.KeyA).And.Not.Contain(BotWithFakeWeCom.AppSecret));
        });
        Directory.Delete(spool, recursive: true);
    }

    /// <summary>
    /// The test's WeCom: one callback at a time, round-robin over the groups — in each, m1 and m2 reply to the notice,
    /// then m3, m4 and the issuer chat, with an advertisement every seventh turn — each timed and remembered.
    /// </summary>
    private sealed class Traffic(Uri target)
    {
        public sealed record Sent(string MsgId, int Group, string User, string Name, string Text, TimeSpan SentAt, HttpStatusCode? Status, double Ms);

        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public TimeSpan Elapsed => _clock.Elapsed;
        private readonly List<Sent> _sent = [];
        private readonly Lock _gate = new();
        private HttpClient _http = new() { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        private int _next;

        public Uri Target
        {
            set => _http = new HttpClient { BaseAddress = value, Timeout = TimeSpan.FromSeconds(10) };
        }

        public int Ads { get; private set; }
        public IReadOnlyList<Sent> All
        {
            get { lock (_gate) return [.. _sent]; }
        }

        public IReadOnlyList<Sent> AnsweredOk => [.. All.Where(s => s.Status == HttpStatusCode.OK)];

        public IReadOnlyList<(string MsgId, int Group, string User, string Name, string Text)> Unanswered =>
            [.. All.GroupBy(s => s.MsgId).Where(g => g.All(s => s.Status != HttpStatusCode.OK)).Select(g => g.First()).Select(s => (s.MsgId, s.Group, s.User, s.Name, s.Text))];

        public Task<HttpStatusCode?> SendNextAsync()
        {
            var n = _next++;
            var (group, turn) = (n % Groups, n / Groups);
            var (user, name) = turn switch { 0 => ("m1", "张老师"), 1 => ("m2", "陈老师"), _ => ((turn % 3) switch { 0 => ("m3", "刘老师"), 1 => ("m4", "黄老师"), _ => ("boss", "王主任") }) };
            var ad = turn > 1 && turn % 7 == 0;
            if (ad) Ads++;
            var text = turn < 2 ? "我已知晓，马上照办" : ad ? "有需要的家长加我微信，低价代购" : $"第{turn}条：今天的课表在哪里？";
            return SendAsync(group, user, name, text, $"outage-{n}");
        }

        public async Task<HttpStatusCode?> SendAsync(int group, string user, string name, string text, string? msgId = null)
        {
            msgId ??= $"outage-notice-{group}";
            var at = _clock.Elapsed;
            HttpStatusCode? status = null;
            try
            {
                using var response = await CallbackSender.Robot(_http).PostAsync(Payloads.RobotText(msgId, NoticeTraffic.Chat("outage", group), user, name, text),
                    DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                status = response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // No answer: WeCom delivers it again.
            }

            lock (_gate) _sent.Add(new Sent(msgId, group, user, name, text, at, status, (_clock.Elapsed - at).TotalMilliseconds));
            return status;
        }

        public async Task<string> GetAsync(string path)
        {
            try
            {
                return await _http.GetStringAsync(new Uri(path, UriKind.Relative));
            }
            catch (HttpRequestException ex)
            {
                return $"HTTP {(int?)ex.StatusCode}";
            }
        }
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
