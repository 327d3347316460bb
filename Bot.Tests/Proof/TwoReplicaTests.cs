using System.Diagnostics;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// Two host processes on one database, each running the timer worker and the outbox dispatcher, with callbacks spread
/// across both and some delivered to both at once (a WeCom retry landing on the other replica): no duplicate
/// evaluation, no missed timer, no duplicate send. Each has a home directory of its own, as on two machines.
/// </summary>
[NonParallelizable]
public partial class TwoReplicaTests
{
    private const int Groups = 40;
    private const int PerGroup = 6;

    private readonly List<DirectoryInfo> _homes = [];
    private string _db = null!;
    private FakeWeComServer _fake = null!;
    private HostProcess _a = null!;
    private HostProcess _b = null!;

    [OneTimeSetUp]
    public async Task StartTwoReplicas()
    {
        _db = TestPostgres.NewDatabase();
        _fake = await FakeWeComServer.StartAsync(new Bot.Host.FakeWeCom.FakeWeComState { CorpId = WeComVectors.CorpIdA, CorpSecret = BotWithFakeWeCom.AppSecret, AgentId = 1000002 });
        // Both start at once: the migrations' advisory lock lets one apply them.
        var starting = Enumerable.Range(0, 2).Select(i =>
        {
            var home = Directory.CreateTempSubdirectory($"bot-replica-{i}-");
            _homes.Add(home);
            return HostProcess.StartAsync(_db, new Dictionary<string, string?>
            {
                ["HOME"] = home.FullName,
                ["WeCom:ApiBaseUrl"] = _fake.BaseUri.ToString(),
                ["Outbox:PollInterval"] = "00:00:00.100",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
                ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
            });
        }).ToList();
        await Task.WhenAll(starting);
        (_a, _b) = (await starting[0], await starting[1]);
    }

    [OneTimeTearDown]
    public async Task StopTwoReplicas()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _fake.DisposeAsync();
        foreach (var home in _homes) home.Delete(recursive: true);
    }

    [Test]
    public async Task Two_replicas_share_dedupe_timers_and_outbox_without_duplicates_or_misses()
    {
        const string run = "twin";
        await NoticeTraffic.SeedAsync(_db, run, Groups);

        using var httpA = new HttpClient { BaseAddress = _a.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var httpB = new HttpClient { BaseAddress = _b.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var senders = new[] { CallbackSender.Robot(httpA), CallbackSender.Robot(httpB) };
        var messages = NoticeTraffic.Messages(run, Groups, PerGroup);
        // Every fifth message is also delivered to the other replica at the same time.
        var plan = messages.SelectMany((m, i) => i % 5 == 0 ? new[] { (m, i % 2), (m, (i + 1) % 2) } : [(m, i % 2)]).ToList();

        var (ok, failed, _) = await NoticeTraffic.SendAsync([.. plan.Select(p => p.m)], i => senders[plan[i].Item2], concurrency: 16);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(40)
               && (await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM notices WHERE stage = 'Open'") > 0
                   || await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')") > 0))
            await Task.Delay(200);

        var reminders = NoticeTraffic.RemindersByKey(_fake.State);
        await TestContext.Out.WriteLineAsync($"{plan.Count} deliveries of {messages.Count} messages ({ok.Count} answered 200) to two replicas; " +
            $"drained {clock.Elapsed.TotalSeconds:F1} s after the burst; reminders delivered {reminders.Values.Sum()} for {Groups} notices");
        Assert.Multiple(async () =>
        {
            Assert.That(failed, Is.Empty, "both replicas answer every delivery");
            Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM inbound_messages"), Is.EqualTo(messages.Count), "one row per msg id");
            Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM notices"), Is.EqualTo(Groups), "one notice per notice message: evaluated once");
            Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM notice_duties WHERE replied_at IS NOT NULL"), Is.EqualTo(2 * Groups), "each acknowledgement counted once");
            Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM timers WHERE state = 'done' AND kind = 'notice-reply'"), Is.EqualTo(Groups), "no timer missed");
            Assert.That(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM outbox WHERE status <> 'sent'"), Is.Zero);
            Assert.That(Enumerable.Range(0, Groups).Select(g => reminders.GetValueOrDefault(NoticeTraffic.Key(run, g))), Is.All.EqualTo(1),
                "each reminder reached WeCom exactly once");
            Assert.That(_fake.State.Delivered.Count(r => r.Kind == Bot.Host.FakeWeCom.FakeWeComRequestKind.WebhookSend),
                Is.EqualTo(await Db.ScalarAsync<long>(_db, "SELECT count(*) FROM outbox WHERE kind = 'webhook'")), "no duplicate send of any row");
        });
    }
}
