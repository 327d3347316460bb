using Bot.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Npgsql;

namespace Bot.Tests.Proof;

/// <summary>
/// WeCom misbehaving in bursts — busy (-1), HTTP 500, rate limits (45009, 130101), an expired token (42001), answers
/// that hang and then fail, answers that hang and then succeed — while the outbox drains. Driven step by step on a fake
/// clock: every message reaches WeCom once, or is dead-lettered with its reason after <c>Outbox:MaxAttempts</c>.
/// </summary>
public class WeComOutageTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private BotWithFakeWeCom _bot = null!;

    private static void ShortWeComTimeouts(IServiceCollection services) =>
        services.Configure<HttpStandardResilienceOptions>(Bot.Host.WeCom.WeComClientServiceCollectionExtensions.ResilienceOptionsName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(300);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(3);
            o.Retry.Delay = TimeSpan.FromMilliseconds(10);
        });

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task Bursts_of_every_kind_of_fault_still_deliver_every_message_exactly_once()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning, configureServices: ShortWeComTimeouts);
        var keys = await EnqueueAsync(groups: 10, postsPerGroup: 2, privateRecipients: 10);

        var fake = _bot.WeCom;
        fake.FailNext(-1, "system busy", times: 5);
        fake.FailNextWithHttpStatus(500, times: 5);
        fake.FailNext(45009, "api freq out of limit", times: 3);
        fake.FailNext(130101, "send too many messages", times: 3);
        // A hang that ends in a gateway error: WeCom never acted on it.
        fake.Enqueue(new Bot.Host.FakeWeCom.FakeWeComFault { Delay = TimeSpan.FromSeconds(1), HttpStatus = 504 }, times: 2);
        fake.FailNext(42001, "access_token expired", times: 2, path: "/cgi-bin/message/send");
        // A hang that ends in success after the client gave up: the answer is lost, WeCom delivered it. Only message/send
        // has a duplicate check to make the retry harmless, so the lost-answer case is scripted for private messages.
        fake.DelayNext(TimeSpan.FromSeconds(1), times: 2, path: "/cgi-bin/message/send");

        var rounds = await DrainAsync();

        var rows = await Db.QueryAsync<(string Key, string Status, int Attempts, string? LastError)>(_bot.ConnectionString,
            "SELECT idempotency_key, status, attempts, last_error FROM outbox ORDER BY id");
        await TestContext.Out.WriteLineAsync($"drained in {rounds} rounds; attempts per row: {string.Join(",", rows.Select(r => r.Attempts))}; " +
            $"requests at the fake: {fake.Requests.Count}, delivered: {fake.Delivered.Count}, dropped as duplicates: {fake.Requests.Count(r => r.DroppedAsDuplicate)}");
        Assert.Multiple(() =>
        {
            Assert.That(rows.Where(r => r.Status != "sent"), Is.Empty, "every row ends sent");
            Assert.That(rows.Sum(r => r.Attempts), Is.GreaterThan(rows.Count), "the faults were met");
            foreach (var key in keys)
                Assert.That(fake.Delivered.Count(r => r.Content == key), Is.EqualTo(1), $"'{key}' reached its recipients once");
            Assert.That(fake.Delivered, Has.Count.EqualTo(keys.Count));
        });
    }

    [Test]
    public async Task A_message_WeCom_keeps_refusing_is_dead_lettered_with_its_reason_after_MaxAttempts()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" }, configureServices: ShortWeComTimeouts);
        await EnqueueAsync(groups: 1, postsPerGroup: 1, privateRecipients: 0);
        _bot.WeCom.FailNext(-1, "system busy", times: 100);

        await DrainAsync();

        var row = (await Db.QueryAsync<(string Status, int Attempts, string LastError)>(_bot.ConnectionString,
            "SELECT status, attempts, last_error FROM outbox")).Single();
        Assert.That(row.Status, Is.EqualTo("dead"));
        Assert.That(row.Attempts, Is.EqualTo(3));
        Assert.That(row.LastError, Does.Contain("-1").And.Contain("system busy"));
        Assert.That(_bot.WeCom.Requests.Count(r => r.Kind == Bot.Host.FakeWeCom.FakeWeComRequestKind.WebhookSend), Is.EqualTo(3));
        Assert.That(_bot.WeCom.Delivered, Is.Empty);
    }

    [Test]
    public async Task A_permanent_refusal_is_dead_lettered_at_once_with_WeComs_errmsg()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning, configureServices: ShortWeComTimeouts);
        await EnqueueAsync(groups: 1, postsPerGroup: 1, privateRecipients: 0);
        _bot.WeCom.FailNext(93000, "invalid webhook url");

        await DrainAsync();

        var row = (await Db.QueryAsync<(string Status, int Attempts, string LastError)>(_bot.ConnectionString,
            "SELECT status, attempts, last_error FROM outbox")).Single();
        Assert.That((row.Status, row.Attempts), Is.EqualTo(("dead", 1)));
        Assert.That(row.LastError, Does.Contain("93000").And.Contain("invalid webhook url"));
    }

    /// <summary>Runs the workers, then moves the clock past the longest backoff, until nothing is pending; returns the rounds.</summary>
    private async Task<int> DrainAsync()
    {
        for (var round = 1; round <= 40; round++)
        {
            // The client's timeouts run on the injected clock too: it ticks while the workers wait on a hanging WeCom.
            using (var stop = new CancellationTokenSource())
            {
                var ticker = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await Task.Delay(50, CancellationToken.None);
                        _bot.Factory.Time.Advance(TimeSpan.FromMilliseconds(200));
                    }
                });
                await _bot.RunWorkersAsync();
                await stop.CancelAsync();
                await ticker;
            }

            var open = await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')");
            if (open == 0) return round;
            _bot.Factory.Time.Advance(TimeSpan.FromMinutes(11));
        }

        Assert.Fail("the outbox did not drain in 40 rounds of 11 minutes");
        return -1;
    }

    /// <summary>Outbox rows as decisions write them: group posts to configured robot keys, private texts; each content unique.</summary>
    private async Task<IReadOnlyList<string>> EnqueueAsync(int groups, int postsPerGroup, int privateRecipients)
    {
        var contents = new List<string>();
        for (var g = 0; g < groups; g++)
            await _bot.SeedGroupAsync($"wrkFault{g}", $"群{g}", $"fault-key-{g}", "owner", ["owner"], ["owner"]);
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = _bot.Now;
        for (var g = 0; g < groups; g++)
        {
            for (var p = 0; p < postsPerGroup; p++)
            {
                var content = $"群{g}的提醒{p}";
                contents.Add(content);
                var payload = System.Text.Json.JsonSerializer.Serialize(new { content, mentioned_list = new[] { "owner" } });
                await OutboxStore.EnqueueAsync(connection, transaction,
                    new OutboxMessage($"fault:g{g}:{p}", "webhook", $"group:wrkFault{g}", $"wrkFault{g}", $"wrkFault{g}", payload, "test", now), now, CancellationToken.None);
            }
        }

        for (var u = 0; u < privateRecipients; u++)
        {
            var content = $"给u{u}的升级通知";
            contents.Add(content);
            var payload = System.Text.Json.JsonSerializer.Serialize(new { touser = new[] { $"u{u}" }, content });
            await OutboxStore.EnqueueAsync(connection, transaction,
                new OutboxMessage($"fault:u{u}", "private", $"user:u{u}", $"u{u}", null, payload, "test", now), now, CancellationToken.None);
        }

        await transaction.CommitAsync();
        return contents;
    }
}
