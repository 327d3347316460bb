using System.Diagnostics;
using Bot.Host.FakeWeCom;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// The host as a real process, SIGKILLed in the middle of a burst of 1,000 callbacks while notices' deadlines fire and
/// reminders are being sent, then restarted on the same database.
/// </summary>
/// <remarks>
/// What is guaranteed, and checked: every callback answered 200 was committed with all its effects; callbacks that got
/// no answer are committed once WeCom retries them (here: the test resends them, as WeCom does); every notice's deadline
/// fires exactly once (one timer, one reminder row); every reminder is delivered at least once.
/// What is not: a group webhook has no duplicate check at WeCom, so a reminder whose POST reached WeCom but whose
/// "sent" was not yet recorded when the process died is posted again when the restarted host takes the row over (after
/// <c>Outbox:Lease</c>). Such duplicates are bounded by the rows the dead host had claimed (status 'sending' at the kill),
/// and the test asserts exactly that bound and prints the measured count. Private messages (message/send) are sent
/// with WeCom's duplicate check on, which makes the same resend harmless there.
/// </remarks>
[NonParallelizable]
public class CrashSafetyTests
{
    private const int Groups = 100;
    private const int PerGroup = 10;

    [Test]
    public async Task Kill_9_during_a_burst_loses_no_answered_callback_and_sends_each_due_reminder_once_bar_claimed_rows()
    {
        var run = "crash";
        var db = TestPostgres.NewDatabase();
        await using var fake = await FakeWeComServer.StartAsync(new FakeWeComState { CorpId = WeComVectors.CorpIdA, CorpSecret = BotWithFakeWeCom.AppSecret, AgentId = 1000002 });
        // Slow webhook answers keep sends in flight when the kill lands.
        fake.State.DelayNext(TimeSpan.FromMilliseconds(40), times: 10_000, path: "/cgi-bin/webhook/send");
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = fake.BaseUri.ToString(),
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:Lease"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var first = await HostProcess.StartAsync(db, settings);
        var port = first.Port;
        await NoticeTraffic.SeedAsync(db, run, Groups);
        var messages = NoticeTraffic.Messages(run, Groups, PerGroup);
        using var http = new HttpClient { BaseAddress = first.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        var robot = CallbackSender.Robot(http);

        // Kill once half the burst is answered and reminders are on their way to WeCom. The burst is spread over about four
        // seconds (the host answers 1,000 callbacks faster than the 2 s reply window), so the first deadlines fire during it.
        var clock = Stopwatch.StartNew();
        var killed = new TaskCompletionSource<TimeSpan>();
        var burst = NoticeTraffic.SendAsync(messages, _ => robot, concurrency: 16, onAnswered: answered =>
        {
            if (answered >= 500 && (fake.State.Requests.Any(r => r.Kind == FakeWeComRequestKind.WebhookSend) || clock.Elapsed > TimeSpan.FromSeconds(10))
                && killed.TrySetResult(clock.Elapsed))
                first.Kill();
        }, pause: TimeSpan.FromMilliseconds(60));
        var (ok, failed, _) = await burst;
        var killedAt = killed.Task.IsCompleted ? await killed.Task : TimeSpan.Zero;
        var output = first.Output;
        await first.DisposeAsync();

        var answeredBeforeKill = ok.ToHashSet();
        var claimedAtKill = await Db.ScalarAsync<long>(db, "SELECT count(*) FROM outbox WHERE status = 'sending'");
        var deliveredAtKill = NoticeTraffic.RemindersByKey(fake.State).Values.Sum();
        var stored = (await Db.QueryAsync<string>(db, "SELECT dedupe_key FROM inbound_messages")).ToHashSet();

        await using var second = await HostProcess.StartAsync(db, settings, port);
        // WeCom retries what got no 200.
        var retry = await NoticeTraffic.SendAsync([.. messages.Where(m => !answeredBeforeKill.Contains(m.MsgId))], _ => robot, concurrency: 16);
        var drained = await WaitAsync(async () =>
            await Db.ScalarAsync<long>(db, "SELECT count(*) FROM notices WHERE stage = 'Open'") == 0
            && await Db.ScalarAsync<long>(db, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')") == 0, TimeSpan.FromSeconds(60));

        var reminders = NoticeTraffic.RemindersByKey(fake.State);
        var duplicates = reminders.Values.Sum(n => n - 1);
        await TestContext.Out.WriteLineAsync($"killed at {killedAt.TotalSeconds:F1} s after {answeredBeforeKill.Count} answers (200); " +
            $"{failed.Count} unanswered, retried after restart ({retry.Failed.Count} failed again); reminders delivered before the kill: {deliveredAtKill}; " +
            $"rows claimed by the dead host: {claimedAtKill}; reminders delivered: {reminders.Values.Sum()} for {Groups} notices, duplicates {duplicates}");

        Assert.Multiple(async () =>
        {
            Assert.That(killed.Task.IsCompleted, Is.True, "the kill landed during the burst");
            Assert.That(answeredBeforeKill.Except(stored), Is.Empty, "every callback answered 200 before the kill was committed");
            Assert.That(retry.Failed, Is.Empty, "the restarted host answers the retries");
            Assert.That(await Db.ScalarAsync<long>(db, "SELECT count(*) FROM inbound_messages"), Is.EqualTo(messages.Count), "each message once");
            Assert.That(drained, Is.True, "every notice reminded and the outbox drained within a minute");
            Assert.That(await Db.ScalarAsync<long>(db, "SELECT count(*) FROM notices"), Is.EqualTo(Groups), "one notice per notice message");
            Assert.That(await Db.ScalarAsync<long>(db, "SELECT count(*) FROM timers WHERE kind = 'notice-reply' AND state = 'done'"), Is.EqualTo(Groups), "each deadline fired");
            Assert.That(await Db.ScalarAsync<long>(db, "SELECT count(*) FROM outbox WHERE payload::text LIKE '%m3%m4%'"), Is.EqualTo(Groups), "one reminder row per notice");
            Assert.That(Enumerable.Range(0, Groups).Where(g => reminders.GetValueOrDefault(NoticeTraffic.Key(run, g)) == 0), Is.Empty, "no reminder lost");
            Assert.That(duplicates, Is.LessThanOrEqualTo(claimedAtKill), "a reminder is repeated only if the dead host had claimed its row");
            Assert.That(output + second.Output, Does.Not.Contain(WeComVectors.KeyA).And.Not.Contain(BotWithFakeWeCom.AppSecret));
        });
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }

        return await condition();
    }
}
