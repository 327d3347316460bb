using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bot.Host.FakeWeCom;
using Bot.Host.WeCom;
using Bot.Tests.Support;
using Bot.Tests.WeCom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// Every real-world payload of <see cref="RealPayloads"/>, encrypted and signed as WeCom does and posted to the real
/// callback endpoint: what the bot records, which groups it registers (never one named after a person), and what it
/// answers.
/// </summary>
public class RealWireEndToEndTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private BotWithFakeWeCom _bot = null!;

    // The bots of the published payloads go by these names.
    private static readonly Dictionary<string, string?> BotNames = new()
    {
        ["WeCom:BotNames:0"] = "fa机器人",
        ["WeCom:BotNames:1"] = "机器人",
        ["WeCom:BotNames:2"] = "RobotA",
        ["WeCom:BotNames:3"] = "项目开发管理助手",
    };

    [OneTimeSetUp]
    public async Task Start() => _bot = await BotWithFakeWeCom.StartAsync(Morning, BotNames);

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    // Tencent's examples share msg ids (text and enter_chat; mixed and voice): each payload starts from an empty record.
    [SetUp]
    public async Task Forget()
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        await connection.ExecuteAsync("TRUNCATE inbound_messages, groups, group_members, outbox, notices, notice_duties, timers CASCADE");
    }

    /// <summary>(payload, channel, kind, chat type, text, mentions, group registered).</summary>
    private static IEnumerable<TestCaseData> Payloads()
    {
        yield return new TestCaseData(RealPayloads.RobotText, "robot", "Text", "Group", "help", "", "fakechatid").SetName("Robot text (owent/wxwork_robotd capture)");
        yield return new TestCaseData(RealPayloads.RobotMixed, "robot", "Mixed", "Group", "这是今日的测试情况", "", "CHATID").SetName("Robot mixed (doc 99399)");
        yield return new TestCaseData(RealPayloads.RobotImage, "robot", "Image", "Direct", "", "", null).SetName("Robot image in a one-to-one chat (doc 99399)");
        yield return new TestCaseData(RealPayloads.RobotAttachment, "robot", "Attachment", "Group", "", "", "CHATID").SetName("Robot attachment button click (doc 99399)");
        yield return new TestCaseData(RealPayloads.RobotAddToChat, "robot", "Event", "Direct", "", "", null).SetName("Robot add_to_chat event (owent/wxwork_robotd, doc 99399)");
        yield return new TestCaseData(RealPayloads.RobotDeleteFromChat, "robot", "Event", "Direct", "", "", null).SetName("Robot delete_from_chat event (doc 99399)");
        yield return new TestCaseData(RealPayloads.AiBotTextWithQuote, "aibot", "Text", "Group", "hello robot", "", "CHATID").SetName("AiBot text with a quote (doc 100719)");
        yield return new TestCaseData(RealPayloads.AiBotMixed, "aibot", "Mixed", "Group", "这是今日的测试情况", "", "CHATID").SetName("AiBot mixed (doc 100719)");
        yield return new TestCaseData(RealPayloads.AiBotVoice, "aibot", "Voice", "Direct", "这是语音转成文本的内容", "", null).SetName("AiBot voice (doc 100719)");
        yield return new TestCaseData(RealPayloads.AiBotQuoteMentionLast, "aibot", "Text", "Group", "hello", "", "wrS7aGNQAApqNLsMLS_7RurTthP1vi5A").SetName("AiBot quote of a picture, bot named last (real capture)");
        yield return new TestCaseData(RealPayloads.AiBotEnterChat, "aibot", "Event", "Direct", "", "", null).SetName("AiBot enter_chat (doc 100719)");
    }

    [TestCaseSource(nameof(Payloads))]
    public async Task A_real_payload_is_recorded_as_what_it_is_and_registers_only_real_groups(
        string payload, string channel, string kind, string chatType, string text, string mentions, string? group)
    {
        using var response = await SenderFor(channel).PostAsync(payload, _bot.Now.ToUnixTimeSeconds());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        var row = (await Db.QueryAsync<(string Kind, string ChatType, string Text, string[] Mentions)>(_bot.ConnectionString,
            "SELECT kind, chat_type, text, mentions FROM inbound_messages")).Single();
        var groups = await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT chat_id FROM groups");
        Assert.Multiple(() =>
        {
            Assert.That((row.Kind, row.ChatType, row.Text), Is.EqualTo((kind, chatType, text)));
            Assert.That(string.Join(",", row.Mentions), Is.EqualTo(mentions), "the bot's own mention is never a member's");
            Assert.That(groups, Is.EqualTo(group is null ? Array.Empty<string>() : new[] { group }), "only a group chat registers a group");
        });
    }

    [Test]
    public async Task The_real_quote_is_kept_for_the_rules()
    {
        using var response = await SenderFor("aibot").PostAsync(RealPayloads.AiBotTextWithQuote, _bot.Now.ToUnixTimeSeconds());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT quote FROM inbound_messages"), Is.EqualTo("这是今日的测试情况"));
    }

    [Test]
    public async Task Someone_opening_a_chat_with_the_AiBot_is_greeted_with_the_help_text_as_WeComs_encrypted_passive_reply()
    {
        var sender = SenderFor("aibot");
        using var response = await sender.PostAsync(RealPayloads.AiBotEnterChat, _bot.Now.ToUnixTimeSeconds());

        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var encrypt = reply.GetProperty("encrypt").GetString()!;
        var crypto = new WeComCrypto(WeComVectors.TokenB, WeComVectors.KeyB, "");
        Assert.That(crypto.VerifySignature(reply.GetProperty("msgsignature").GetString()!, reply.GetProperty("timestamp").GetString()!,
            reply.GetProperty("nonce").GetString()!, encrypt), Is.True, "signed with the 智能机器人's token, as WeCom checks");
        var welcome = JsonDocument.Parse(crypto.Decrypt(encrypt).Value!).RootElement;
        Assert.That(welcome.GetProperty("msgtype").GetString(), Is.EqualTo("text"));
        Assert.That(welcome.GetProperty("text").GetProperty("content").GetString(), Does.Contain("使用说明").And.Contain("帮助").And.Not.Contain("一定要@我"),
            "the help text for one person alone with the bot, who need not @ it");
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM groups"), Is.Zero, "no phantom group named USERID");
    }

    [Test]
    public async Task A_group_message_gets_no_passive_reply()
    {
        using var response = await SenderFor("aibot").PostAsync(RealPayloads.AiBotMixed, _bot.Now.ToUnixTimeSeconds());

        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    /// <summary>
    /// The real capture's WebhookUrl is plain http on in.qyapi.weixin.qq.com. This host allows WeCom's real hosts, and its
    /// WeCom client connects every request to the fake on 127.0.0.1, so the request goes out exactly as it would (the
    /// Host header, the path, the key) without leaving the machine.
    /// </summary>
    [Test]
    public async Task A_real_captures_WebhookUrl_on_in_qyapi_is_used_as_given_and_names_the_group()
    {
        BotWithFakeWeCom? bot = null;
        var settings = new Dictionary<string, string?>(BotNames)
        {
            ["WeCom:WebhookHosts:0"] = "qyapi.weixin.qq.com",
            ["WeCom:WebhookHosts:1"] = "in.qyapi.weixin.qq.com",
        };
        await using var realHosts = bot = await BotWithFakeWeCom.StartAsync(Morning, settings, configureServices: services =>
            services.AddHttpClient(WeComHttp.ClientName).ConfigurePrimaryHttpMessageHandler((handler, _) =>
                ((SocketsHttpHandler)handler).ConnectCallback = (context, ct) => ConnectToFakeAsync(context, bot!.Factory.ApiBaseUrl!.Port, ct)));
        realHosts.WeCom.AddRobot("xxxxxxxxxxxx", "fakechatid", BotWithFakeWeCom.AnotherGroupOfTheRobot);
        await realHosts.SeedPersonAsync("T56650002A", "欧文韬", "教务处");
        await realHosts.SeedPersonAsync("t1", "张老师", "语文组");

        using (var first = await CallbackSender.Robot(realHosts.Client).PostAsync(RealPayloads.RobotText, realHosts.Now.ToUnixTimeSeconds()))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await realHosts.SeedGroupAsync("fakechatid", "测试群", null, "T56650002A", ["T56650002A", "t1"], ["T56650002A"],
            """{"replyWindow":"00:30:00","quietHours":[]}""");
        // The same sender, chat and WebhookUrl as the capture: a notice, whose reminder needs the group's route.
        var notice = RealPayloads.RobotText.Replace("@fa机器人 help", "@fa机器人 周五前交材料。收到请回复：我已知晓，马上照办！", StringComparison.Ordinal)
            .Replace("CIGABBCOgP3qBRiR4vm7goCAAyAY", "notice-1", StringComparison.Ordinal);
        using (var second = await CallbackSender.Robot(realHosts.Client).PostAsync(notice, realHosts.Now.ToUnixTimeSeconds()))
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await realHosts.AdvanceAsync(TimeSpan.FromMinutes(31));

        // The tracking note at once, the reminder after the window: both through the captured URL, naming the group.
        var posts = realHosts.WeCom.Requests.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(posts.Select(p => (p.Host, p.Path, p.WebhookKey, p.ChatId)).Distinct(),
                Is.EqualTo(new[] { ("in.qyapi.weixin.qq.com", "/cgi-bin/webhook/send", "xxxxxxxxxxxx", "fakechatid") }));
            Assert.That(posts.Single(p => p.MentionedList.Count > 0).MentionedList, Is.EqualTo(new[] { "t1" }), "the reminder");
            Assert.That(realHosts.GroupPosts.Select(p => p.ChatId).Distinct(), Is.EqualTo(new[] { "fakechatid" }), "and they reach that group only");
        });
    }

    /// <summary>Connects to the fake on the loopback whatever host the request names; anything but WeCom's or the fake's is a test failure.</summary>
    private static async ValueTask<Stream> ConnectToFakeAsync(SocketsHttpConnectionContext context, int port, CancellationToken ct)
    {
        Assert.That(context.DnsEndPoint.Host, Is.AnyOf("qyapi.weixin.qq.com", "in.qyapi.weixin.qq.com", "127.0.0.1"), "the bot connected to a host that is not WeCom's");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private CallbackSender SenderFor(string channel) => channel == "robot" ? _bot.Robot : CallbackSender.AiBot(_bot.Client);
}
