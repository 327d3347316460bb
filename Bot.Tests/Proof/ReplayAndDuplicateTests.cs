using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Proof;

/// <summary>
/// A captured callback cannot be replayed once its timestamp is stale, and WeCom's retries of one message — even ten
/// arriving at once — are evaluated once: one inbound row, one notice, one timer, one reminder.
/// </summary>
public class ReplayAndDuplicateTests
{
    private const string Chat = "wrkReplayGroup";
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Notice = "明天上午9点开会。收到请回复：我已知晓，马上照办！";

    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning);
        await _bot.SeedPersonAsync("wang", "王主任", "教务处");
        foreach (var t in new[] { "t1", "t2", "t3" }) await _bot.SeedPersonAsync(t, "老师" + t, "语文组");
        await _bot.SeedGroupAsync(Chat, "教师群", "replay-key", "wang", ["wang", "t1", "t2", "t3"], ["wang"],
            """{"replyWindow":"00:30:00","quietHours":[]}""");
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task A_validly_signed_request_replayed_after_the_freshness_window_is_refused_and_changes_nothing()
    {
        var payload = Payloads.RobotText("replay-1", Chat, "t1", "老师t1", "你好");
        var encrypt = _bot.Robot.Encrypt(payload);
        var signedAt = _bot.Now.ToUnixTimeSeconds();

        using (var first = await _bot.Client.SendAsync(_bot.Robot.BuildSigned(encrypt, signedAt)))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The default window is five minutes either side of now.
        _bot.Factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var replay = await _bot.Client.SendAsync(_bot.Robot.BuildSigned(encrypt, signedAt));
        var fresh = Payloads.RobotText("replay-2", Chat, "t1", "老师t1", "新消息，旧签名");
        using var staleNew = await _bot.Client.SendAsync(_bot.Robot.BuildSigned(_bot.Robot.Encrypt(fresh), signedAt));

        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(staleNew.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a message never seen, but signed with a stale timestamp");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM inbound_messages"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_msg_id_delivered_by_ten_concurrent_requests_is_evaluated_once()
    {
        var payload = Payloads.RobotText("dup-notice-1", Chat, "wang", "王主任", Notice);
        var now = _bot.Now.ToUnixTimeSeconds();
        // Each retry is encrypted and signed afresh (new random prefix, new nonce), as WeCom's retries are.
        var requests = Enumerable.Range(0, 10).Select(_ => _bot.Robot.Build(payload, now)).ToList();

        using var go = new SemaphoreSlim(0, requests.Count);
        var sends = requests.Select(async request =>
        {
            await go.WaitAsync();
            using var response = await _bot.Client.SendAsync(request);
            return response.StatusCode;
        }).ToList();
        go.Release(requests.Count);
        var statuses = await Task.WhenAll(sends);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK), "every retry is acknowledged, so WeCom stops retrying");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM inbound_messages WHERE dedupe_key = 'dup-notice-1'"), Is.EqualTo(1));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM notices"), Is.EqualTo(1), "one notice opened");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM timers"), Is.EqualTo(1), "one deadline");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM audit_log WHERE action = 'notice.opened'"), Is.EqualTo(1));

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.That(_bot.GroupPosts.Select(p => p.Content), Has.Exactly(1).StartWith("【已开始统计回复】"), "one tracking note");
        var reminder = _bot.GroupPosts.Where(p => p.MentionedList.Count > 0).ToList();
        Assert.That(reminder, Has.Count.EqualTo(1), "one reminder");
        Assert.That(reminder[0].MentionedList, Is.EqualTo(new[] { "t1", "t2", "t3" }));
    }

    [Test]
    public async Task Concurrent_posts_of_one_group_are_judged_one_after_another_each_seeing_the_last()
    {
        // Five different messages with the same text, all in flight at once: judged in some order, each must see the
        // ones judged before it, so the counts run 1 to 5 and the third (the flood limit, 3×) is the only hit.
        var now = _bot.Now.ToUnixTimeSeconds();
        var requests = Enumerable.Range(1, 5)
            .Select(i => _bot.Robot.Build(Payloads.RobotText($"same-{i}", Chat, "t2", "老师t2", "大家好"), now)).ToList();

        using var go = new SemaphoreSlim(0, requests.Count);
        var sends = requests.Select(async request =>
        {
            await go.WaitAsync();
            using var response = await _bot.Client.SendAsync(request);
            return response.StatusCode;
        }).ToList();
        go.Release(requests.Count);
        Assert.That(await Task.WhenAll(sends), Is.All.EqualTo(HttpStatusCode.OK));

        var floodDetails = await Db.QueryAsync<string>(_bot.ConnectionString, """
            SELECT v->>'detail' FROM inbound_messages, jsonb_array_elements(verdicts) AS v
            WHERE dedupe_key LIKE 'same-%' AND v->>'rule' = 'flood'
            """);
        var counts = floodDetails.Select(d => System.Text.RegularExpressions.Regex.Match(d, @"same text (\d)×").Groups[1].Value).Order().ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(counts, Is.EqualTo(new[] { "1", "2", "3", "4", "5" }), "each judged after the one before it was committed");
            Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM violations WHERE rule = 'flood'"), Is.EqualTo(1));
        });
    }
}
