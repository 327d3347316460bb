using Bot.Tests.Support;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// One group whose stored policy no longer merges (an override written by an older version, naming a setting this one
/// does not know) makes its deadlines and messages throw. That group's work is set aside with the exception; every
/// other group goes on, and a restart does not take the failed work again.
/// </summary>
public class PoisonRowTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","quietHours":[]}""";
    private const string Notice = "明天上午9点到会议室开会。收到请回复：我已知晓，马上照办！";
    private const string StaleOverride = """{"replyWindow":"00:30:00","quietHours":[],"noticeWindow":"01:00:00"}""";

    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning);
        await _bot.SeedPersonAsync("wang", "王主任", "教务处");
        await _bot.SeedPersonAsync("t1", "张老师", "语文组");
        foreach (var chat in new[] { "wrkGood", "wrkStale" })
            await _bot.SeedGroupAsync(chat, chat, $"key-{chat}", "wang", ["wang", "t1"], ["wang"], Policy);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    private static IEnumerable<Bot.Host.FakeWeCom.FakeWeComRequest> Reminders(BotWithFakeWeCom bot) => bot.GroupPosts.Where(p => p.MentionedList.Count > 0);

    private Task<int> BreakStaleGroupAsync() =>
        Db.ScalarAsync<int>(_bot.ConnectionString, "UPDATE groups SET policy = @policy::jsonb WHERE chat_id = 'wrkStale' RETURNING 1", new { policy = StaleOverride });

    [Test]
    public async Task A_deadline_that_throws_is_marked_failed_with_the_exception_the_others_fire_and_a_restart_does_not_take_it_again()
    {
        await _bot.PostAsync("wrkStale", "wang", "王主任", Notice);
        await _bot.PostAsync("wrkGood", "wang", "王主任", Notice);
        await BreakStaleGroupAsync();

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));

        var timers = await Db.QueryAsync<(string Chat, string State, string? Result)>(_bot.ConnectionString,
            "SELECT n.chat_id, t.state, t.result FROM timers t JOIN notices n ON n.id = t.subject_id WHERE t.kind = 'notice-reply' ORDER BY n.chat_id");
        Assert.Multiple(() =>
        {
            Assert.That(Reminders(_bot).Select(p => p.WebhookKey), Is.EqualTo(new[] { "key-wrkGood" }), "the other group was reminded");
            Assert.That(timers[0].Chat, Is.EqualTo("wrkGood"));
            Assert.That(timers[0].State, Is.EqualTo("done"));
            Assert.That(timers[1].State, Is.EqualTo("failed"));
            Assert.That(timers[1].Result, Does.StartWith("PolicyException: ").And.Contain("noticeWindow"), "the exception's type and message");
        });

        await using var restarted = await BotWithFakeWeCom.StartAsync(_bot.Now.AddMinutes(5), connectionString: _bot.ConnectionString);
        await restarted.RunWorkersAsync();
        Assert.That(Reminders(restarted), Is.Empty);
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString,
            "SELECT t.state FROM timers t JOIN notices n ON n.id = t.subject_id WHERE n.chat_id = 'wrkStale'"), Is.EqualTo("failed"));
    }

    [Test]
    public async Task A_message_whose_judging_throws_is_answered_200_and_kept_as_failed_with_the_exception_and_its_retry_is_a_duplicate()
    {
        await BreakStaleGroupAsync();

        await _bot.PostAsync("wrkStale", "t1", "张老师", "今天下午的会议改到三点", msgId: "stale-1");
        await _bot.PostAsync("wrkStale", "t1", "张老师", "今天下午的会议改到三点", msgId: "stale-1");
        await _bot.PostAsync("wrkGood", "t1", "张老师", "收到", msgId: "good-1");

        var rows = await Db.QueryAsync<(string Key, string Status, string? Error)>(_bot.ConnectionString,
            "SELECT dedupe_key, status, error FROM inbound_messages ORDER BY id");
        Assert.That(rows.Select(r => (r.Key, r.Status)), Is.EqualTo(new[] { ("stale-1", "failed"), ("good-1", "evaluated") }), "stored once each, nothing lost");
        Assert.That(rows[0].Error, Does.StartWith("PolicyException: ").And.Contain("noticeWindow"));
    }
}
