using System.Text.Json;
using Bot.Host.Outbound;
using Bot.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Outbound;

/// <summary>The dispatcher against rows it cannot handle, and against a batch slow enough to outlive its lease.</summary>
public class OutboxFaultTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task A_row_that_makes_sending_throw_is_dead_with_the_exception_the_rest_are_delivered_and_a_restart_leaves_it_alone()
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(Noon);
        await bot.SeedGroupAsync("chat-1", "测试群", "key-1", "owner", ["owner", "u1"], ["owner"]);
        await EnqueueAsync(bot, "good-1", "webhook", "chat-1", new { content = "第1条", mentioned_list = new[] { "u1" } });
        // A response_url that is not a URL at all, and a payload without its content: rows no sender can handle.
        await EnqueueAsync(bot, "bad-url", "response", "http://[not-a-host", new { content = "答复" });
        await EnqueueAsync(bot, "good-2", "webhook", "chat-1", new { content = "第2条", mentioned_list = new[] { "u1" } });
        await EnqueueAsync(bot, "bad-payload", "webhook", "chat-1", new { text = "没有 content 字段" });
        await EnqueueAsync(bot, "good-3", "private", "u1", new { touser = new[] { "u1" }, content = "私信" });

        await bot.RunWorkersAsync();

        var rows = await RowsAsync(bot.ConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(bot.WeCom.Delivered.Select(r => r.Content), Is.EqualTo(new[] { "第1条", "第2条", "私信" }), "every good row delivered, in order");
            Assert.That(rows.Where(r => r.Key.StartsWith("good", StringComparison.Ordinal)).Select(r => r.Status), Is.All.EqualTo("sent"));
            Assert.That(rows.Single(r => r.Key == "bad-url").Status, Is.EqualTo("dead"));
            Assert.That(rows.Single(r => r.Key == "bad-url").LastError, Is.Not.Empty);
            Assert.That(rows.Single(r => r.Key == "bad-payload"), Is.EqualTo(("bad-payload", "dead", 1,
                (string?)"KeyNotFoundException: The given key was not present in the dictionary.")), "dead with the exception's type and message");
        });

        // The host restarts on the same database, past every lease: the dead rows are not taken again.
        await using var restarted = await BotWithFakeWeCom.StartAsync(bot.Now.AddMinutes(5), connectionString: bot.ConnectionString);
        await restarted.RunWorkersAsync();
        Assert.That(restarted.WeCom.Requests, Is.Empty);
        Assert.That((await RowsAsync(bot.ConnectionString)).Where(r => r.Key.StartsWith("bad", StringComparison.Ordinal)).Select(r => (r.Status, r.Attempts)),
            Is.All.EqualTo(("dead", 1)));
    }

    /// <remarks>
    /// Dispatcher A claims three posts at T with a one-minute lease and sends them one by one, each taking 25 s (its
    /// clock moves while WeCom answers). While the second is still unrecorded, at T+61 s, dispatcher B looks for rows
    /// whose lease ran out. Without renewal the second and third rows are B's (their lease ended at T+60) and A posts them
    /// too; with each row's lease renewed just before its send, B takes only the third, which A then leaves alone.
    /// </remarks>
    [Test]
    public async Task A_batch_slower_than_its_lease_never_has_a_row_sent_by_two_dispatchers()
    {
        var slow = new SlowWeCom();
        await using var a = await BotWithFakeWeCom.StartAsync(Noon,
            configureServices: services => services.AddHttpClient("WeCom").AddHttpMessageHandler(() => new SlowWeComHandler(slow)));
        await using var b = await BotWithFakeWeCom.StartAsync(Noon, connectionString: a.ConnectionString);
        await a.SeedGroupAsync("chat-1", "测试群", "key-1", "owner", ["owner", "u1"], ["owner"]);
        for (var i = 1; i <= 3; i++)
            await EnqueueAsync(a, $"post-{i}", "webhook", "chat-1", new { content = $"第{i}条", mentioned_list = new[] { "u1" } });
        slow.Clock = a.Factory.Time;
        slow.DuringSecondSend = async () =>
        {
            a.Factory.Time.Advance(TimeSpan.FromSeconds(11));
            b.Factory.Time.SetUtcNow(a.Now);
            await b.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);
        };

        await a.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

        var delivered = a.WeCom.Delivered.Concat(b.WeCom.Delivered).Select(r => r.Content).ToList();
        Assert.That(delivered, Is.EquivalentTo(new[] { "第1条", "第2条", "第3条" }), "each post once, though the batch took 75 s on a 60 s lease");
        Assert.That(b.WeCom.Delivered.Select(r => r.Content), Is.EqualTo(new[] { "第3条" }), "B took over only the row A had not reached");
        Assert.That((await RowsAsync(a.ConnectionString)).Select(r => r.Status), Is.All.EqualTo("sent"));
    }

    /// <summary>Each webhook post takes 25 s on the sender's clock; during the second one, something else happens.</summary>
    private sealed class SlowWeCom
    {
        public int Posts;
        public FakeTimeProvider? Clock { get; set; }
        public Func<Task>? DuringSecondSend { get; set; }
    }

    private sealed class SlowWeComHandler(SlowWeCom slow) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            // The clock moves once WeCom has answered: moved before, it would fire the client's own timeouts.
            if (request.RequestUri!.AbsolutePath == "/cgi-bin/webhook/send")
            {
                slow.Clock?.Advance(TimeSpan.FromSeconds(25));
                if (Interlocked.Increment(ref slow.Posts) == 2 && slow.DuringSecondSend is { } during) await during();
            }

            return response;
        }
    }

    private static async Task EnqueueAsync(BotWithFakeWeCom bot, string key, string kind, string target, object payload)
    {
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await OutboxStore.EnqueueAsync(connection, transaction, new OutboxMessage(key, kind, kind == "private" ? $"user:{target}" : "group:chat-1", target, "chat-1",
            JsonSerializer.Serialize(payload), "test", bot.Now), bot.Now, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static Task<IReadOnlyList<(string Key, string Status, int Attempts, string? LastError)>> RowsAsync(string connectionString) =>
        Db.QueryAsync<(string, string, int, string?)>(connectionString, "SELECT idempotency_key, status, attempts, last_error FROM outbox ORDER BY id");
}
