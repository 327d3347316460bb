using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Host.FakeWeCom;
using Bot.Rules.Routing;
using Bot.Storage;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// Where the bot's group posts go: always to the group they are for, named by its chatid (the fake WeCom, like the real
/// one, delivers a post without chatid to every group of its robot); held and flagged where the bot has no way to post;
/// and answers through a 智能机器人's response_url only on WeCom's documented path.
/// </summary>
public class PostingRouteEndToEndTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Notice = "周五前交总结。收到请回复：我已知晓，马上照办！";
    private const string Policy = """{"replyWindow":"00:30:00","quietHours":[]}""";

    private CapturedLogs _logs = null!;
    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _logs = new CapturedLogs(LogLevel.Information);
        _bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?>
        {
            ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
            ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
            ["Metrics:ApiKey"] = "scraper-key-for-tests",
        }, configureServices: services => services.AddSingleton<ILoggerProvider>(_logs));
        await _bot.SeedPersonAsync("wang", "王主任", "教务处");
        await _bot.SeedPersonAsync("t1", "张老师", "语文组");
        await _bot.SeedPersonAsync("t2", "李老师", "数学组");
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public void The_fake_WeCom_delivers_a_post_without_chatid_to_every_group_of_its_robot()
    {
        var state = new FakeWeComState();
        state.AddRobot("k", "wrkA", "wrkB");

        Assert.That(state.Reach("k", null), Is.EqualTo(new[] { "wrkA", "wrkB" }), "no chatid: WeCom's default @all_group");
        Assert.That(state.Reach("k", "wrkA"), Is.EqualTo(new[] { "wrkA" }));
        Assert.That(state.Reach("k", "wrkC"), Is.Null, "a chat the robot is not in is refused");
    }

    [Test]
    public async Task A_robot_in_two_groups_reminds_each_group_in_that_group_only()
    {
        await _bot.SeedGroupAsync("wrkGrade7", "七年级", "shared-key", "wang", ["wang", "t1"], ["wang"], Policy);
        await _bot.SeedGroupAsync("wrkGrade8", "八年级", "shared-key", "wang", ["wang", "t2"], ["wang"], Policy);

        await _bot.PostAsync("wrkGrade7", "wang", "王主任", Notice);
        await _bot.PostAsync("wrkGrade8", "wang", "王主任", Notice);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));

        var sent = _bot.WeCom.Requests.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend).ToList();
        Assert.That(sent.Select(r => r.ChatId), Has.All.AnyOf("wrkGrade7", "wrkGrade8"), "every webhook/send (tracking notes, reminders) named its group");
        Assert.That(_bot.GroupPosts.Where(p => p.MentionedList.Count > 0).Select(p => (p.ChatId, string.Join(",", p.MentionedList))),
            Is.EquivalentTo(new[] { ("wrkGrade7", "t1"), ("wrkGrade8", "t2") }), "each reminder reached its group and no other");
        Assert.That(_bot.GroupPosts.Select(p => p.ChatId), Has.None.EqualTo(BotWithFakeWeCom.AnotherGroupOfTheRobot));
    }

    [Test]
    public async Task A_group_known_only_through_the_AiBot_is_flagged_its_issuer_told_at_once_and_its_reminder_held()
    {
        await _bot.SeedGroupAsync("wrkAiOnly", "智能机器人群", null, "wang", ["wang", "t1"], ["wang"], Policy);

        await AiBotSaysAsync("wrkAiOnly", "n1", "wang", Notice, ResponseUrl("n1"));
        await _bot.RunWorkersAsync();

        // The response_url works once: the tracking note and the warning go out as one answer.
        var told = _bot.WeCom.Requests.Single(r => r.Kind == FakeWeComRequestKind.AiBotResponse);
        Assert.That((told.Delivered, told.Query), Is.EqualTo((true, "?response_code=n1")));
        Assert.That(told.Content, Does.Contain(PostingRouteRule.NoRouteText).And.Contain("【已开始统计回复】"), "the issuer is told in the conversation, at once");

        var groups = await GetApiAsync("/api/groups");
        Assert.That(groups[0].GetProperty("postingRoute").GetProperty("route").GetString(), Is.EqualTo("none"));

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.That(_bot.GroupPosts, Is.Empty, "nothing is broadcast");
        Assert.That(await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT status FROM outbox WHERE kind = 'webhook'"), Is.EqualTo(new[] { "held" }));

        using var admin = await AdminClient.SignInAsync(new AdminClient(_bot.Factory.Server));
        var overview = await admin.GetStringAsync("/admin");
        Assert.That(overview, Does.Contain("无法推送的群").And.Contain("智能机器人群").And.Contain("1 条"), "the overview flags the group and its held post");
        Assert.That(await admin.GetStringAsync("/admin/groups/wrkAiOnly"), Does.Contain("<span class=\"badge bad\">无法推送</span>"));
        using (var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative)))
        {
            scrape.Headers.Authorization = new("Bearer", "scraper-key-for-tests");
            using var metrics = await _bot.Client.SendAsync(scrape);
            Assert.That(await metrics.Content.ReadAsStringAsync(), Does.Contain("bot_groups_by_posting_route{route=\"none\"} 1"));
        }

        // The office adds a 群机器人 to the group: the held reminder goes out, to this group.
        await _bot.SeedGroupAsync("wrkAiOnly", "智能机器人群", "robot-key", "wang", ["wang", "t1"], ["wang"], Policy);
        await _bot.RunWorkersAsync();
        Assert.That(_bot.GroupPosts.Select(p => (p.ChatId, p.WebhookKey)), Is.EqualTo(new[] { ("wrkAiOnly", "robot-key") }));
    }

    [Test]
    public async Task A_group_whose_chat_id_is_not_known_is_posted_to_only_through_a_key_marked_as_its_alone()
    {
        _bot.WeCom.AddRobot("lone-key", "wrkLone");
        await PutGroupAsync("grade9-office", new { name = "九年级办公室", webhookKey = "lone-key", owner = "wang", members = new[] { "wang", "t1" } });
        await EnqueueReminderAsync("grade9-office");

        await _bot.RunWorkersAsync();
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT last_error FROM outbox"), Does.Contain("not known from WeCom"));
        Assert.That(_bot.WeCom.Requests.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend), Is.Empty, "held: it might reach every group of the robot");

        await PutGroupAsync("grade9-office", new { name = "九年级办公室", owner = "wang", members = new[] { "wang", "t1" }, webhookKeyExclusive = true });
        await _bot.RunWorkersAsync();

        var sent = _bot.WeCom.Delivered.Single(r => r.Kind == FakeWeComRequestKind.WebhookSend);
        Assert.That((sent.ChatId, string.Join(",", sent.DeliveredTo)), Is.EqualTo(((string?)null, "wrkLone")), "without chatid, reaching the key's one group");
    }

    [TestCase("/cgi-bin/webhook/send?key=another-groups-key", TestName = "A response_url naming another group's webhook on WeCom's host is refused")]
    [TestCase("/cgi-bin/message/send?response_code=rc", TestName = "A response_url naming another path of WeCom's host is refused")]
    public async Task A_response_url_that_is_not_WeComs_response_path_is_never_called(string pathAndQuery)
    {
        await _bot.SeedGroupAsync("g", "教师群", "g-key", "wang", ["wang", "t1"], ["wang"], Policy);
        var hostile = new Uri(_bot.Factory.ApiBaseUrl!, pathAndQuery).ToString();

        await AiBotSaysAsync("g", "c1", "wang", "帮助", hostile);
        await _bot.RunWorkersAsync();

        Assert.That(_bot.WeCom.Requests.Where(r => r.WebhookKey == "another-groups-key" || r.Kind is FakeWeComRequestKind.MessageSend or FakeWeComRequestKind.AiBotResponse),
            Is.Empty, "nothing went where the payload pointed");
        Assert.That(_bot.GroupPosts.Select(p => (p.ChatId, p.WebhookKey)), Is.EqualTo(new[] { ("g", "g-key") }), "the answer went to the group through its own robot");
        var refused = _logs.Lines.Where(l => l.Text.Contains("Ignored the answer address", StringComparison.Ordinal)).ToList();
        Assert.That(refused, Has.Count.EqualTo(1), "the refusal is logged");
        Assert.That(_logs.AllText, Does.Not.Contain("another-groups-key").And.Not.Contain("response_code=rc"), "no log line shows the key or code");
    }

    [Test]
    public async Task The_bots_mention_in_the_middle_of_a_notice_is_stripped_and_never_taken_for_a_member()
    {
        await _bot.SeedGroupAsync("g", "教师群", "g-key", "wang", ["wang", "t1", "t2"], ["wang"], Policy);

        await _bot.PostAsync("g", "wang", "王主任", "请@张老师\u2005@规则助手\u2005周五前交总结。收到请回复：我已知晓，马上照办！");

        var (text, mentions, verdicts) = (await Db.QueryAsync<(string, string[], string)>(_bot.ConnectionString,
            "SELECT text, mentions, verdicts::text FROM inbound_messages")).Single();
        Assert.That(text, Does.Not.Contain("规则助手"));
        Assert.That(mentions, Is.EqualTo(new[] { "张老师" }));
        Assert.That(verdicts, Does.Contain("opened for 1 members (@-mentioned)").And.Not.Contain("unresolved"));
    }

    private async Task AiBotSaysAsync(string chatId, string msgId, string userId, string text, string responseUrl)
    {
        var payload = JsonSerializer.Serialize(new
        {
            msgid = msgId, aibotid = "AIBOT", chatid = chatId, chattype = "group", from = new { userid = userId },
            response_url = responseUrl, msgtype = "text", text = new { content = "@规则助手 " + text },
        });
        using var response = await CallbackSender.AiBot(_bot.Client).PostAsync(payload, _bot.Now.ToUnixTimeSeconds());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private string ResponseUrl(string code) => new Uri(_bot.Factory.ApiBaseUrl!, $"/cgi-bin/aibot/response?response_code={code}").ToString();

    private static System.Net.Http.Headers.AuthenticationHeaderValue Bearer => new("Bearer", BotFactory.Defaults["Admin:ApiKey"]);

    private async Task<JsonElement> GetApiAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = Bearer;
        using var response = await _bot.Client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task PutGroupAsync(string chatId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/groups/{chatId}", UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = Bearer;
        using var response = await _bot.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A reminder for a group the bot never heard from, as a timer would write it.</summary>
    private async Task EnqueueReminderAsync(string chatId)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await OutboxStore.EnqueueAsync(connection, transaction, new OutboxMessage($"test:{chatId}", "webhook", $"group:{chatId}", chatId, chatId,
            JsonSerializer.Serialize(new { content = "请尽快回复", mentioned_list = new[] { "t1" } }), "test", _bot.Now), _bot.Now, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
