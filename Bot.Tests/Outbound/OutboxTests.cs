using System.Text.Json;
using Bot.Host.FakeWeCom;
using Bot.Host.Outbound;
using Bot.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Outbound;

/// <summary>What the bot says reaches WeCom once, within its limits, through faults, crashes and two dispatchers.</summary>
public class OutboxTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));
    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Noon, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" });
        await _bot.SeedGroupAsync("chat-1", "测试群", "key-1", "owner", ["owner", "u1"], ["owner"]);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    private OutboxDispatcher Dispatcher => _bot.Factory.Services.GetRequiredService<OutboxDispatcher>();

    private async Task EnqueueAsync(int count, string kind = "webhook", string target = "chat-1")
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var payload = kind == "webhook"
                ? JsonSerializer.Serialize(new { content = $"第{i + 1}条", mentioned_list = new[] { "u1" } })
                : JsonSerializer.Serialize(new { touser = new[] { target }, content = $"私信{i + 1}" });
            await OutboxStore.EnqueueAsync(connection, transaction, new OutboxMessage($"test:{kind}:{target}:{i}", kind,
                kind == "webhook" ? $"group:{target}" : $"user:{target}", target, kind == "webhook" ? target : "chat-1", payload, "test", _bot.Now), _bot.Now, CancellationToken.None);
        }

        await transaction.CommitAsync();
    }

    private Task<IReadOnlyList<(string Status, int Attempts, string? LastError)>> RowsAsync() =>
        Db.QueryAsync<(string, int, string?)>(_bot.ConnectionString, "SELECT status, attempts, last_error FROM outbox ORDER BY id");

    [Test]
    public async Task Twenty_five_posts_to_one_robot_go_out_twenty_in_the_first_minute_and_five_after()
    {
        await EnqueueAsync(25);

        await _bot.RunWorkersAsync();
        Assert.That(_bot.GroupPosts, Has.Count.EqualTo(20), "WeCom allows 20 a minute per robot");

        await _bot.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.That(_bot.GroupPosts, Has.Count.EqualTo(20), "still inside the minute");

        await _bot.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.That(_bot.GroupPosts, Has.Count.EqualTo(25), "none lost");
        Assert.That(_bot.GroupPosts.Select(p => p.Content), Is.Unique);
        Assert.That(_bot.GroupPosts.All(p => p.WebhookKey == "key-1"), Is.True);
    }

    [Test]
    public async Task Thirty_one_private_messages_to_one_person_respect_thirty_a_minute()
    {
        await EnqueueAsync(31, "private", "u1");

        await _bot.RunWorkersAsync();
        Assert.That(_bot.PrivateMessages, Has.Count.EqualTo(30));
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.That(_bot.PrivateMessages, Has.Count.EqualTo(31));
    }

    [TestCase(-1, "system busy", TestName = "A busy answer (-1) is retried and arrives once")]
    [TestCase(45009, "api freq out of limit", TestName = "A rate-limit answer (45009) is retried after a minute and arrives once")]
    [TestCase(130101, "send too fast", TestName = "A robot rate-limit answer (130101) is retried and arrives once")]
    public async Task Transient_failure_is_retried(int errCode, string errMsg)
    {
        _bot.WeCom.FailNext(errCode, errMsg);
        await EnqueueAsync(1);

        await _bot.RunWorkersAsync();
        Assert.That(_bot.GroupPosts, Is.Empty);
        Assert.That((await RowsAsync())[0].LastError, Does.Contain(errMsg));

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.That(_bot.GroupPosts, Has.Count.EqualTo(1));
        Assert.That((await RowsAsync())[0].Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task An_HTTP_500_is_retried_and_the_message_arrives_once()
    {
        _bot.WeCom.FailNextWithHttpStatus(500, times: 2);
        await EnqueueAsync(1);

        for (var i = 0; i < 4; i++) await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.That(_bot.GroupPosts, Has.Count.EqualTo(1));
        Assert.That((await RowsAsync())[0], Is.EqualTo(("sent", 3, (string?)null)));
    }

    [Test]
    public async Task A_permanent_failure_is_dead_with_WeComs_errmsg()
    {
        _bot.WeCom.FailNext(93000, "invalid webhook url");
        await EnqueueAsync(1);

        await _bot.RunWorkersAsync();

        var row = (await RowsAsync())[0];
        Assert.That(row.Status, Is.EqualTo("dead"));
        Assert.That(row.LastError, Does.Contain("93000").And.Contain("invalid webhook url"));
    }

    [Test]
    public async Task A_message_failing_every_attempt_is_dead_after_the_configured_attempts()
    {
        _bot.WeCom.FailNext(-1, "system busy", times: 10);
        await EnqueueAsync(1);

        for (var i = 0; i < 6; i++) await _bot.AdvanceAsync(TimeSpan.FromMinutes(5));

        var row = (await RowsAsync())[0];
        Assert.That((row.Status, row.Attempts), Is.EqualTo(("dead", 3)));
        Assert.That(row.LastError, Does.Contain("system busy"));
        Assert.That(_bot.GroupPosts, Is.Empty);
    }

    [Test]
    public async Task A_post_for_a_group_without_a_posting_route_is_held_then_sent_once_an_administrator_sets_one()
    {
        await _bot.SeedGroupAsync("chat-2", "未配置的群", null, "owner", ["owner", "u1"], ["owner"]);
        await EnqueueAsync(1, target: "chat-2");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(30));
        var held = (await RowsAsync())[0];
        Assert.That((held.Status, held.Attempts), Is.EqualTo(("held", 0)), "held, not dead, not counted as an attempt");
        Assert.That(held.LastError, Does.Contain("no posting route").And.Contain("webhook key"), "the reason names what to set");
        Assert.That(_bot.GroupPosts, Is.Empty);

        await _bot.SeedGroupAsync("chat-2", "未配置的群", "key-2", "owner", ["owner", "u1"], ["owner"]);
        await _bot.RunWorkersAsync();

        Assert.That(_bot.GroupPosts.Select(p => (p.WebhookKey, p.ChatId)), Is.EqualTo(new[] { ("key-2", "chat-2") }));
        Assert.That((await RowsAsync())[0].Status, Is.EqualTo("sent"));
    }

    [Test]
    public async Task A_dispatcher_that_died_after_claiming_is_taken_over_after_its_lease_and_each_message_arrives_once()
    {
        await EnqueueAsync(5, "private", "u1");
        // A dispatcher claims the rows and dies before sending: nothing was sent, the rows are "sending".
        var claimed = await OutboxStore.ClaimAsync(_bot.Factory.Services.GetRequiredService<NpgsqlDataSource>(), _bot.Now,
            TimeSpan.FromMinutes(1), 50, _ => (100, TimeSpan.FromMinutes(1)), CancellationToken.None);
        Assert.That(claimed, Has.Count.EqualTo(5));

        await _bot.RunWorkersAsync();
        Assert.That(_bot.PrivateMessages, Is.Empty, "the claim still belongs to the dead dispatcher");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.That(_bot.PrivateMessages, Has.Count.EqualTo(5));
        Assert.That((await RowsAsync()).All(r => r.Status == "sent"), Is.True);
    }

    [Test]
    public async Task A_private_message_whose_answer_was_lost_is_resent_but_delivered_once_by_WeComs_duplicate_check()
    {
        await EnqueueAsync(1, "private", "u1");
        var dataSource = _bot.Factory.Services.GetRequiredService<NpgsqlDataSource>();
        // The dispatcher sent it, WeCom delivered it, and the host died before recording the answer.
        var claimed = await OutboxStore.ClaimAsync(dataSource, _bot.Now, TimeSpan.FromMinutes(1), 50, _ => (100, TimeSpan.FromMinutes(1)), CancellationToken.None);
        var client = _bot.Factory.Services.GetRequiredService<Bot.Host.WeCom.WeComApiClient>();
        var payload = JsonDocument.Parse(claimed[0].Payload).RootElement;
        await client.SendPrivateTextAsync(["u1"], payload.GetProperty("content").GetString()!, duplicateCheck: true, CancellationToken.None);

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.That(_bot.WeCom.Requests.Count(r => r.Kind == FakeWeComRequestKind.MessageSend), Is.EqualTo(2), "sent twice");
        Assert.That(_bot.PrivateMessages, Has.Count.EqualTo(1), "delivered once");
    }

    [Test]
    public async Task Two_dispatchers_on_one_database_never_send_a_message_twice()
    {
        await EnqueueAsync(40, "private", "u1");
        await EnqueueAsync(20);
        await using var second = await BotWithFakeWeCom.StartAsync(Noon, connectionString: _bot.ConnectionString);
        second.Factory.Time.SetUtcNow(_bot.Now);

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Task.Run(_bot.RunWorkersAsync), Task.Run(second.RunWorkersAsync));
            _bot.Factory.Time.Advance(TimeSpan.FromMinutes(1.1));
            second.Factory.Time.Advance(TimeSpan.FromMinutes(1.1));
        }

        var delivered = _bot.WeCom.Delivered.Concat(second.WeCom.Delivered).Select(r => r.Content).ToList();
        Assert.That(delivered, Has.Count.EqualTo(60));
        Assert.That(delivered, Is.Unique);
        Assert.That((await RowsAsync()).All(r => r.Status == "sent" && r.Attempts == 1), Is.True);
    }

    [Test]
    public async Task The_bots_posts_wait_for_the_end_of_quiet_hours_and_a_reply_window_does_not_run_inside_them()
    {
        static DateTimeOffset Shanghai(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(8));
        await using var night = await BotWithFakeWeCom.StartAsync(Shanghai(25, 22, 40));
        await night.SeedPersonAsync("boss", "王主任", "教务处");
        await night.SeedPersonAsync("a", "甲老师", "语文组");
        await night.SeedGroupAsync("night", "夜间群", "night-key", "boss", ["boss", "a"], ["boss"],
            """{"replyWindow":"00:30:00","quietHours":[{"start":"23:00","end":"06:30"}]}""");
        Assume.That(TimeZoneInfo.Local.BaseUtcOffset, Is.Not.EqualTo(TimeSpan.FromHours(8)), "meaningful only with TZ set elsewhere, as the test script does");

        // 22:40: twenty minutes of the window before 23:00, ten after 06:30.
        await night.PostAsync("night", "boss", "王主任", "明早7点到校。收到请回复：我已知晓，马上照办！");
        await night.RunWorkersAsync();
        Assert.That(night.GroupPosts.Single().Content, Does.Contain("截止11月26日 06:40"), "the tracking note goes out at once, before quiet hours");

        // 23:30, inside quiet hours: a second notice. Its tracking note waits for 06:30; its window runs from 06:30.
        await night.AdvanceAsync(Shanghai(25, 23, 30) - night.Now);
        await night.PostAsync("night", "boss", "王主任", "明早7点半升旗。收到请回复：我已知晓，马上照办！");
        await night.AdvanceAsync(Shanghai(26, 6, 29) - night.Now);
        Assert.That(night.GroupPosts, Has.Count.EqualTo(1), "nothing inside quiet hours");

        await night.AdvanceAsync(TimeSpan.FromMinutes(1)); // 06:30
        Assert.That(night.GroupPosts[1].Content, Does.Contain("截止11月26日 07:00"));
        await night.AdvanceAsync(TimeSpan.FromMinutes(9)); // 06:39
        Assert.That(night.GroupPosts.Where(p => p.MentionedList.Count > 0), Is.Empty);

        await night.AdvanceAsync(TimeSpan.FromMinutes(1)); // 06:40
        var reminder = night.GroupPosts.Single(p => p.MentionedList.Count > 0);
        Assert.That(reminder.MentionedList, Is.EqualTo(new[] { "a" }));
        var sent = await Db.QueryAsync<DateTime>(night.ConnectionString, "SELECT sent_at FROM outbox WHERE kind = 'webhook' ORDER BY sent_at");
        Assert.That(sent.Select(at => new DateTimeOffset(at, TimeSpan.Zero)),
            Is.EqualTo(new[] { Shanghai(25, 22, 40), Shanghai(26, 6, 30), Shanghai(26, 6, 40) }));
    }
}
