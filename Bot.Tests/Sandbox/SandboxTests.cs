using System.Net;
using System.Text.Json;
using Bot.Host.FakeWeCom;
using Bot.Host.Sandbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Tests.Sandbox;

/// <summary>The sandbox over HTTP: off by default; on, a member's message goes through the real callback and the bot's answers come back in the feed.</summary>
[NonParallelizable]
public sealed class SandboxTests
{
    private LiveBot _bot = null!;

    [OneTimeSetUp]
    public void Start() => _bot = LiveBot.Start();

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task The_sandbox_and_the_fake_WeCom_are_off_by_default()
    {
        await using var factory = new BotFactory();
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/sandbox", "/sandbox/feed", "/cgi-bin/gettoken?corpid=a&corpsecret=b" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }
    }

    [Test]
    public async Task The_demo_school_is_seeded_once_with_its_short_windows()
    {
        var members = await Db.QueryAsync<string>(_bot.ConnectionString, $"SELECT user_id FROM group_members WHERE chat_id = '{LiveBot.SandboxChat}' ORDER BY position");
        Assert.That(members, Is.EqualTo(new[] { "wang", "t1", "t2", "t3", "t4", "t5", "t6", "li", "zhao", "qian" }));
        var (name, owner, policy) = (await Db.QueryAsync<(string, string, string)>(_bot.ConnectionString,
            $"SELECT name, owner, policy::text FROM groups WHERE chat_id = '{LiveBot.SandboxChat}'")).Single();
        Assert.That((name, owner), Is.EqualTo(("示范学校·全体教师群", "wang")));
        Assert.That(policy, Does.Contain("\"replyWindow\": \"00:00:04\"").And.Contain("\"quietHours\": []"));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT role FROM people WHERE user_id = 'qian'"), Is.EqualTo("principal"));

        var seeder = _bot.Services.GetServices<IHostedService>().OfType<SandboxSeeder>().Single();
        await seeder.StartAsync(CancellationToken.None);
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM group_members"), Is.EqualTo(members.Count), "seeding again adds nothing");
    }

    [Test]
    public async Task A_message_goes_through_the_real_callback_and_a_banned_word_warning_comes_back_in_the_feed()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        using var response = await client.PostFormAsync("/sandbox", "/sandbox/send",
            new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = "t3", ["text"] = "有需要的家长加我微信，低价代购" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var inbound = (await Db.QueryAsync<(string, string, string)>(_bot.ConnectionString,
            "SELECT channel, sender_id, text FROM inbound_messages WHERE sender_id = 't3'")).Single();
        Assert.That(inbound, Is.EqualTo(("Robot", "t3", "有需要的家长加我微信，低价代购")), "recorded by the real callback, the bot's @-mention stripped");

        var wecom = _bot.Services.GetRequiredService<FakeWeComState>();
        Assert.That(await wecom.WaitForAsync(r => r.Any(x => x.Delivered && x.MentionedList.Contains("t3")), TimeSpan.FromSeconds(10)), Is.True);
        var feed = JsonDocument.Parse(await client.GetStringAsync("/sandbox/feed?after=0")).RootElement;
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Any(i => i.GetProperty("kind").GetString() == "member" && i.GetProperty("from").GetString() == "刘老师"), Is.True);
        var warning = items.Single(i => i.GetProperty("kind").GetString() == "bot" && i.GetProperty("text").GetString()!.Contains("广告推销", StringComparison.Ordinal));
        Assert.That(warning.GetProperty("chatId").GetString(), Is.EqualTo(LiveBot.SandboxChat));
        Assert.That(warning.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "刘老师" }));
        Assert.That(feed.GetRawText(), Does.Not.Contain(LiveBot.SandboxWebhookKey), "the feed never shows the webhook key");
    }

    [Test]
    public async Task A_member_of_another_group_cannot_speak_in_the_demo_group()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        using var response = await client.PostFormAsync("/sandbox", "/sandbox/send",
            new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = "stranger", ["text"] = "你好" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task With_the_archive_switch_on_a_message_without_the_at_reaches_the_bot_and_one_with_it_is_judged_once()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        using (var on = await client.PostFormAsync("/sandbox", "/sandbox/archive", new() { ["chatId"] = LiveBot.SandboxChat, ["on"] = "on" }))
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        try
        {
            using var unmentioned = await client.PostFormAsync("/sandbox", "/sandbox/send",
                new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = "t5", ["text"] = "有需要的家长加我微信，低价代购", ["mention"] = "off" });
            Assert.That(JsonDocument.Parse(await unmentioned.Content.ReadAsStringAsync()).RootElement.GetProperty("archived").GetBoolean(), Is.True);
            using var mentioned = await client.PostFormAsync("/sandbox", "/sandbox/send",
                new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = "t6", ["text"] = "今天下午的课调到明天" });

            // The poller reads the sandbox's archive in the background (woken by each message).
            var rows = await WaitAsync(async () => await Db.QueryAsync<(string, string, string)>(_bot.ConnectionString,
                "SELECT sender_id, channel, status FROM inbound_messages WHERE sender_id IN ('t5', 't6') ORDER BY sender_id, id"), r => r.Count == 3);
            Assert.That(rows, Is.EquivalentTo(new[] { ("t5", "Archive", "evaluated"), ("t6", "Robot", "held"), ("t6", "Archive", "evaluated") }),
                "the unmentioned message judged from the archive; the mentioned one once, from its archive copy");
            Assert.That(await _bot.Services.GetRequiredService<FakeWeComState>().WaitForAsync(r => r.Any(x => x.Delivered && x.MentionedList.Contains("t5")),
                TimeSpan.FromSeconds(10)), Is.True, "the ad without the @ is warned about");
        }
        finally
        {
            using var off = await client.PostFormAsync("/sandbox", "/sandbox/archive", new() { ["chatId"] = LiveBot.SandboxChat, ["on"] = "off" });
        }
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        T value;
        while (!done(value = await read()) && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(100);
        return value;
    }
}
