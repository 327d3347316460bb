using System.Net;
using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using Bot.Host.FakeWeCom;
using Bot.Host.WeCom;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Proof;

/// <summary>
/// Security properties as tests: signature checks compare in constant time, a callback cannot aim the bot at another
/// host, and no configured or issued secret reaches a log line.
/// </summary>
public class SecurityTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Notice = "下午三点开会。收到请回复：我已知晓，马上照办！";
    private const string RobotToken = "robot-callback-token-8d2f41c7";

    /// <remarks>
    /// Timing cannot be measured reliably on a shared CI machine, so this reads the method's IL instead: the comparison
    /// that decides is a call to <see cref="CryptographicOperations.FixedTimeEquals"/>, and no ordinal string or
    /// sequence comparison (which returns at the first differing character) is called.
    /// </remarks>
    [Test]
    public void The_signature_comparison_calls_FixedTimeEquals_and_no_early_exit_comparison()
    {
        var method = typeof(WeComCrypto).GetMethod(nameof(WeComCrypto.VerifySignature))!;
        var called = CalledMethods(method).ToList();

        Assert.That(called, Has.Some.Matches<MethodBase>(m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals)));
        Assert.That(called.Where(m => m.Name is "Equals" or "op_Equality" or "SequenceEqual" or "CompareOrdinal" or "Compare"), Is.Empty);
    }

    [Test]
    public void Signatures_differing_only_in_the_first_or_only_in_the_last_character_are_both_rejected()
    {
        var crypto = new WeComCrypto(WeComVectors.TokenA, WeComVectors.KeyA, WeComVectors.CorpIdA);
        var good = WeComCrypto.Signature(WeComVectors.TokenA, "1409659813", "1372623149", "cipher");
        string Swap(int at) => good[..at] + (good[at] == 'a' ? 'b' : 'a') + good[(at + 1)..];

        Assert.That(crypto.VerifySignature(good, "1409659813", "1372623149", "cipher"), Is.True);
        Assert.That(crypto.VerifySignature(Swap(0), "1409659813", "1372623149", "cipher"), Is.False);
        Assert.That(crypto.VerifySignature(Swap(39), "1409659813", "1372623149", "cipher"), Is.False);
        Assert.That(crypto.VerifySignature(good[..39], "1409659813", "1372623149", "cipher"), Is.False);
        Assert.That(crypto.VerifySignature(good + "0", "1409659813", "1372623149", "cipher"), Is.False);
    }

    [Test]
    public async Task A_callback_WebhookUrl_naming_another_host_never_receives_a_request()
    {
        await using var attacker = await FakeWeComServer.StartAsync();
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning);
        var real = bot.WeCom;
        var realBase = new Uri(bot.Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WeComOptions>>().Value.ApiBaseUrl.ToString());
        var evil = attacker.BaseUri;
        string[] hostile =
        [
            $"{evil}cgi-bin/webhook/send?key=stolen",
            // Tricks that fool naive host checks: user info, a fragment, the real host in the path or query.
            $"http://{realBase.Host}:{realBase.Port}@{evil.Host}:{evil.Port}/cgi-bin/webhook/send?key=stolen",
            $"{evil}cgi-bin/webhook/send?key=stolen#@{realBase.Host}:{realBase.Port}",
            $"{evil}{realBase.Host}:{realBase.Port}/cgi-bin/webhook/send?key=stolen",
            $"{evil}cgi-bin/webhook/send?key=stolen&next={realBase}",
        ];
        var chats = new List<string>();
        for (var i = 0; i < hostile.Length; i++)
        {
            chats.Add($"wrkEvil{i}");
            await SeedKeylessGroupAsync(bot, $"wrkEvil{i}");
        }

        await SeedKeylessGroupAsync(bot, "wrkGood");

        for (var i = 0; i < hostile.Length; i++)
            await PostWithWebhookUrlAsync(bot, chats[i], hostile[i], $"evil-{i}");
        await PostWithWebhookUrlAsync(bot, "wrkGood", $"{realBase}cgi-bin/webhook/send?key=good-key", "good-1");
        await bot.AdvanceAsync(TimeSpan.FromMinutes(31));

        Assert.That(attacker.State.Requests, Is.Empty, "the attacker's host saw nothing");
        Assert.That(bot.GroupPosts.Select(p => (p.WebhookKey, p.ChatId)).Distinct(), Is.EqualTo(new[] { ("good-key", "wrkGood") }),
            "the group whose URL is WeCom's own got its posts, in that group only");
        Assert.That(bot.GroupPosts.Where(p => p.MentionedList.Count > 0).ToList(), Has.Count.EqualTo(1), "and its reminder");
        var held = await Db.QueryAsync<(string ChatId, string Error)>(bot.ConnectionString,
            "SELECT chat_id, last_error FROM outbox WHERE kind = 'webhook' AND status = 'held' ORDER BY id");
        Assert.That(held.Select(h => h.ChatId), Is.EquivalentTo(chats.SelectMany(c => new[] { c, c })),
            "each hostile group's tracking note and reminder are held, not sent anywhere");
        Assert.That(held, Has.All.Matches<(string, string Error)>(h => h.Error.Contains("no posting route", StringComparison.Ordinal)), "each held row says why");
        Assert.That(real.Requests.Where(r => r.WebhookKey == "stolen"), Is.Empty, "no hostile key was used on the real host either");
    }

    [Test]
    public async Task No_configured_or_issued_secret_appears_in_any_log_line()
    {
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>
        {
            // Everything at Trace for our provider (HttpClient logs its URLs at Information); the console stays quiet.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:System.Net.Http"] = "Trace",
            ["Logging:Console:LogLevel:Default"] = "None",
            ["Logging:Debug:LogLevel:Default"] = "None",
            // The official vector's robot token, "xxx", is too short to search the logs for: this run uses one that a
            // leak would show.
            ["WeCom:Robot:Token"] = RobotToken,
        };
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning, settings,
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        await bot.SeedPersonAsync("wang", "王主任", "教务处");
        await bot.SeedPersonAsync("boss", "李组长", "语文组");
        await bot.SeedPersonAsync("t1", "张老师", "语文组", supervisor: "boss");
        await bot.SeedGroupAsync("wrkSecret", "群", "secret-webhook-key-42", "wang", ["wang", "t1"], ["wang"],
            """{"replyWindow":"00:30:00","explanationWindow":"01:00:00","quietHours":[]}""");

        // URL verification, a forged request, every channel, a notice, its reminder, its escalation through message/send,
        // an expired token refreshed on the way, and a failing send whose answer is logged.
        var echo = await bot.Client.GetAsync(new Uri($"/wecom/app?msg_signature={WeComVectors.A1Signature}&timestamp={WeComVectors.A1Timestamp}&nonce={WeComVectors.A1Nonce}&echostr={WeComVectors.A1EchoStrUrlEncoded}", UriKind.Relative));
        using (var forged = await bot.Client.SendAsync(bot.Robot.BuildSigned(bot.Robot.Encrypt("<xml/>"), bot.Now.ToUnixTimeSeconds(), new string('0', 40))))
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await bot.PostAsync("wrkSecret", "wang", "王主任", Notice);
        using (var ai = await CallbackSender.AiBot(bot.Client).PostAsync(Payloads.AiBotText("ai-1", "wrkSecret", "t1", "你好"), bot.Now.ToUnixTimeSeconds()))
            Assert.That(ai.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var app = await CallbackSender.App(bot.Client).PostAsync(Payloads.AppText("app-1", "t1", "帮助"), bot.Now.ToUnixTimeSeconds()))
            Assert.That(app.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        bot.WeCom.FailNext(-1, "system busy");
        await bot.AdvanceAsync(TimeSpan.FromMinutes(31));
        await bot.AdvanceAsync(TimeSpan.FromMinutes(2));
        // The first message/send is told its token expired: the client fetches another and retries.
        bot.WeCom.FailNext(42001, "access_token expired", path: "/cgi-bin/message/send");
        await bot.AdvanceAsync(TimeSpan.FromHours(1));
        await bot.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.That(bot.PrivateMessages, Is.Not.Empty, "the scenario reached message/send, so an access token was issued and used");
        var issuedTokens = bot.WeCom.Requests.Where(r => r.Kind == FakeWeComRequestKind.MessageSend)
            .Select(r => System.Web.HttpUtility.ParseQueryString(r.Query)["access_token"]).OfType<string>().Distinct().ToList();
        Assert.That(issuedTokens, Has.Count.GreaterThanOrEqualTo(2), "the expired token was replaced");
        var secrets = new Dictionary<string, string>
        {
            ["robot token"] = RobotToken,
            ["robot AES key"] = WeComVectors.KeyC,
            ["aibot token"] = WeComVectors.TokenB,
            ["aibot AES key"] = WeComVectors.KeyB,
            ["app token"] = WeComVectors.TokenA,
            ["app AES key"] = WeComVectors.KeyA,
            ["app secret"] = BotWithFakeWeCom.AppSecret,
            ["admin key"] = BotFactory.Defaults["Admin:ApiKey"]!,
            ["webhook key"] = "secret-webhook-key-42",
        };
        for (var i = 0; i < issuedTokens.Count; i++) secrets[$"access token #{i + 1}"] = issuedTokens[i];
        var text = logs.AllText;

        Assert.That(logs.Lines, Has.Count.GreaterThan(100), "the run logged at Trace, HttpClient included");
        Assert.Multiple(() =>
        {
            foreach (var (name, secret) in secrets)
                Assert.That(text.Contains(secret, StringComparison.Ordinal), Is.False, $"the {name} appears in the logs");
            Assert.That(text.Contains("fake-token-", StringComparison.Ordinal), Is.False, "an issued access token appears in the logs");
        });
        echo.Dispose();
    }

    private static async Task SeedKeylessGroupAsync(BotWithFakeWeCom bot, string chatId)
    {
        await bot.SeedPersonAsync("wang", "王主任", "教务处");
        await bot.SeedGroupAsync(chatId, chatId, null, "wang", ["wang", "t1"], ["wang"], """{"replyWindow":"00:30:00","quietHours":[]}""");
    }

    private static async Task PostWithWebhookUrlAsync(BotWithFakeWeCom bot, string chatId, string webhookUrl, string msgId)
    {
        var payload = $"""
            <xml><WebhookUrl><![CDATA[{webhookUrl}]]></WebhookUrl>
            <ChatId><![CDATA[{chatId}]]></ChatId><ChatType>group</ChatType>
            <From><UserId>wang</UserId><Name><![CDATA[王主任]]></Name><Alias><![CDATA[wang]]></Alias></From>
            <MsgType>text</MsgType><Text><Content><![CDATA[@规则助手 {Notice}]]></Content></Text>
            <MsgId>{msgId}</MsgId></xml>
            """;
        using var response = await bot.Robot.PostAsync(payload, bot.Now.ToUnixTimeSeconds());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The methods a method's IL calls (call, callvirt, newobj), read from its body.</summary>
    private static IEnumerable<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var oneByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .Where(o => o.Size == 1).ToDictionary(o => o.Value);
        var twoByte = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .Where(o => o.Size == 2).ToDictionary(o => (byte)(o.Value & 0xFF));
        for (var at = 0; at < il.Length;)
        {
            var op = il[at] == 0xFE ? twoByte[il[at + 1]] : oneByte[il[at]];
            at += op.Size;
            if (op.OperandType == OperandType.InlineMethod)
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, at))!;
            at += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + BitConverter.ToInt32(il, at) * 4,
                _ => 4,
            };
        }
    }
}
