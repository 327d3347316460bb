using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Bot.Host.Outbound;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Proof;

/// <summary>
/// A member's reply racing a deadline (the @-reminder, the escalation to the supervisor) or an administrator's
/// 「立即提醒」. Both take the group's lock; whichever gets it first decides, and the other sees what it did. The test
/// makes each interleaving happen for certain instead of hoping for it: it holds the group's lock itself, queues the two
/// contenders behind it in a chosen order (PostgreSQL grants a lock to its waiters in the order they came), and lets go.
/// In every round, in both orders, nobody whose reply was in before the decision is named by it.
/// </summary>
public class DeadlineRaceTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","explanationWindow":"01:00:00","quietHours":[]}""";
    private const string Notice = "明天上午9点到会议室开会。收到请回复：我已知晓，马上照办！";
    private const int RoundsPerCase = 3;

    public enum Contender { ReplyDeadline, ExplanationDeadline, RemindNow }

    private BotWithFakeWeCom _bot = null!;
    private int _round;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning);
        await _bot.SeedPersonAsync("wang", "王主任", "教务处");
        await _bot.SeedPersonAsync("li", "李组长", "语文组");
        await _bot.SeedPersonAsync("t1", "张老师", "语文组", supervisor: "li");
        await _bot.SeedPersonAsync("t2", "陈老师", "语文组", supervisor: "li");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [TestCase(Contender.ReplyDeadline, true)]
    [TestCase(Contender.ReplyDeadline, false)]
    [TestCase(Contender.ExplanationDeadline, true)]
    [TestCase(Contender.ExplanationDeadline, false)]
    [TestCase(Contender.RemindNow, true)]
    [TestCase(Contender.RemindNow, false)]
    public async Task A_reply_racing_a_decision_is_seen_by_it_whenever_it_committed_first(Contender contender, bool replyFirst)
    {
        for (var round = 0; round < RoundsPerCase; round++)
        {
            var chat = $"wrkRace{Interlocked.Increment(ref _round)}";
            var (named, replied) = await RaceAsync(chat, contender, replyFirst);

            if (replyFirst)
            {
                Assert.That(replied, Is.True, $"{chat}: t1's answer was recorded");
                Assert.That(named, Does.Not.Contain("t1"), $"{chat}: t1 answered before the {contender} was decided, yet was named");
            }
            else
            {
                // Its answer comes after: counted late, or (after an escalation) too late to count.
                Assert.That(named, Does.Contain("t1"), $"{chat}: the {contender} came first, when t1 had not answered");
            }

            Assert.That(named, Does.Contain("t2"), $"{chat}: t2 never answered");
        }
    }

    /// <summary>One round in a fresh group: who the decision named, and whether t1's answer was recorded.</summary>
    private async Task<(IReadOnlyList<string> Named, bool Replied)> RaceAsync(string chat, Contender contender, bool replyFirst)
    {
        await _bot.SeedGroupAsync(chat, chat, $"key-{chat}", "wang", ["wang", "t1", "t2"], ["wang"], Policy);
        await _bot.PostAsync(chat, "wang", "王主任", Notice);
        var notice = await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT id FROM notices WHERE chat_id = @chat", new { chat });
        var answer = "我已知晓，马上照办";
        if (contender == Contender.ExplanationDeadline)
        {
            // The reminder goes out; then t1 explains while the explanation deadline passes.
            await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));
            answer = "情况说明：昨天在外校培训，未能及时回复。";
            _bot.Factory.Time.Advance(TimeSpan.FromMinutes(61));
        }
        else if (contender == Contender.ReplyDeadline)
        {
            _bot.Factory.Time.Advance(TimeSpan.FromMinutes(31));
        }

        Func<Task> reply = () => _bot.PostAsync(chat, "t1", "张老师", answer);
        Func<Task> decide = contender == Contender.RemindNow
            ? () => RemindNowAsync(notice)
            : () => _bot.Factory.Services.GetRequiredService<TimerWorker>().FireDueAsync(CancellationToken.None);

        await using (var holder = new NpgsqlConnection(_bot.ConnectionString))
        {
            await holder.OpenAsync();
            await using var held = await holder.BeginTransactionAsync();
            await using (var lockGroup = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@chat))", holder, held))
            {
                lockGroup.Parameters.AddWithValue("chat", chat);
                await lockGroup.ExecuteNonQueryAsync();
            }

            var first = Task.Run(replyFirst ? reply : decide);
            await WaitForWaitersAsync(1);
            var second = Task.Run(replyFirst ? decide : reply);
            await WaitForWaitersAsync(2);
            await held.CommitAsync();
            await Task.WhenAll(first, second);
        }

        var replied = await Db.ScalarAsync<bool>(_bot.ConnectionString,
            "SELECT replied_at IS NOT NULL OR explained_at IS NOT NULL FROM notice_duties WHERE notice_id = @notice AND user_id = 't1'", new { notice });
        return (await NamedAsync(chat, contender), replied);
    }

    /// <summary>Who the decision named: @-mentioned in the group, or listed to the supervisor.</summary>
    private async Task<IReadOnlyList<string>> NamedAsync(string chat, Contender contender)
    {
        var payloads = await Db.QueryAsync<string>(_bot.ConnectionString, contender switch
        {
            Contender.ExplanationDeadline => "SELECT payload::text FROM outbox WHERE chat_id = @chat AND kind = 'private'",
            Contender.RemindNow => "SELECT payload::text FROM outbox WHERE chat_id = @chat AND idempotency_key LIKE 'admin:remind:%'",
            _ => "SELECT payload::text FROM outbox WHERE chat_id = @chat AND idempotency_key LIKE 'timer:%'",
        }, new { chat });
        Assert.That(payloads, Is.Not.Empty, $"{chat}: the {contender} said something");
        var names = new Dictionary<string, string> { ["张老师"] = "t1", ["陈老师"] = "t2" };
        return payloads.Select(p => JsonDocument.Parse(p).RootElement).SelectMany(p => contender == Contender.ExplanationDeadline
                ? names.Where(n => p.GetProperty("content").GetString()!.Contains(n.Key, StringComparison.Ordinal)).Select(n => n.Value)
                : p.GetProperty("mentioned_list").EnumerateArray().Select(m => m.GetString()!))
            .Distinct().ToList();
    }

    private async Task RemindNowAsync(long notice)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/notices/{notice}/remind?urgent=true", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        using var response = await _bot.Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Until <paramref name="count"/> transactions of this database wait for an advisory lock (bounded: 10 s).</summary>
    private async Task WaitForWaitersAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (await Db.ScalarAsync<long>(_bot.ConnectionString, """
                   SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                   """) < count)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), $"{count} contender(s) never queued for the group's lock");
            await Task.Delay(5);
        }
    }
}
