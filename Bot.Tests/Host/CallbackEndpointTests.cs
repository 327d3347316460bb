using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Host;

public class CallbackEndpointTests
{
    private BotFactory _factory = null!;
    private HttpClient _client = null!;

    private long Now => _factory.Time.GetUtcNow().ToUnixTimeSeconds();

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new BotFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase("/wecom/app", WeComVectors.A1Signature, WeComVectors.A1Timestamp, WeComVectors.A1Nonce, WeComVectors.A1EchoStrUrlEncoded, WeComVectors.A1Reply,
        TestName = "URL verification of the app channel answers vector A1's echo")]
    [TestCase("/wecom/aibot", "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", 1476416373, "47744683",
        "fsi1xnbH4yQh0%2BPJxcOdhhK6TDXkjMyhEPA7xB2TGz6b%2Bg7xyAbEkRxN%2F3cNXW9qdqjnoVzEtpbhnFyq6SVHyA%3D%3D", "1288432023552776189",
        TestName = "URL verification of the aibot channel answers vector B1's echo")]
    [TestCase("/wecom/callback", "09380007d4f0891d966988e5450ad794c77fa01c", 1703041184, "1703023880",
        "oCdlC8pJ%2FDIjXnC8F9reyjDYlSImCmIgxA4prPD%2Bl2Fj5qBHjFiWnpelQofsDCJrSEvNVTET6oQmoXLQxzUkyQ%3D%3D", "6534946348215556778",
        TestName = "URL verification of the robot channel answers vector C's echo")]
    public async Task Url_verification_answers_the_bare_echo(string path, string signature, long timestamp, string nonce, string echo, string expected)
    {
        // The vectors' timestamps are years old: freshness is off for this check only.
        // Vector B1 comes from WeCom's JSON callback sample, whose receive id is its corp id; the 智能机器人's own is "".
        using var factory = new BotFactory(new Dictionary<string, string?>
        {
            ["WeCom:TimestampTolerance"] = "",
            ["WeCom:AiBot:ReceiveId"] = "ww1436e0e65a779aee",
        }, _factory.ConnectionString);
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"{path}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={echo}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bytes, Is.EqualTo(System.Text.Encoding.ASCII.GetBytes(expected)), "no quotes, BOM or newline");
    }

    [Test]
    public async Task Url_verification_with_a_wrong_signature_is_refused()
    {
        var response = await _client.GetAsync($"/wecom/app?msg_signature={new string('0', 40)}&timestamp={Now}&nonce=1&echostr={WeComVectors.A1EchoStrUrlEncoded}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_message_posted_three_times_is_stored_once()
    {
        var robot = CallbackSender.Robot(_client);
        var before = await Db.CountInboundAsync(_factory.ConnectionString);
        var payload = Payloads.RobotText("dup-1", "chat-a", "zhangsan", "张三", "收到");

        for (var i = 0; i < 3; i++)
            Assert.That((await robot.PostAsync(payload, Now)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await Db.CountInboundAsync(_factory.ConnectionString) - before, Is.EqualTo(1));
    }

    [Test]
    public async Task Two_different_messages_in_both_group_formats_are_both_stored()
    {
        var before = await Db.CountInboundAsync(_factory.ConnectionString);

        var robot = await CallbackSender.Robot(_client).PostAsync(Payloads.RobotText("two-1", "chat-b", "lisi", "李四", "你好"), Now);
        var aibot = await CallbackSender.AiBot(_client).PostAsync(Payloads.AiBotText("two-2", "chat-b", "wangwu", "你好"), Now);

        Assert.That((robot.StatusCode, aibot.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        var rows = await Db.QueryAsync<(string, string, string)>(_factory.ConnectionString,
            "SELECT dedupe_key, channel, text FROM inbound_messages WHERE dedupe_key IN ('two-1','two-2') ORDER BY dedupe_key");
        Assert.That(rows, Is.EqualTo(new[] { ("two-1", "Robot", "你好"), ("two-2", "AiBot", "你好") }));
        Assert.That(await Db.CountInboundAsync(_factory.ConnectionString) - before, Is.EqualTo(2));
    }

    [Test]
    public async Task An_app_message_is_stored_and_answered_success()
    {
        var response = await CallbackSender.App(_client).PostAsync(Payloads.AppText("app-1", "zhaoliu", "统计"), Now);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("success"));
        Assert.That(await Db.ScalarAsync<string>(_factory.ConnectionString, "SELECT sender_id FROM inbound_messages WHERE dedupe_key = 'app-1'"),
            Is.EqualTo("zhaoliu"));
    }

    [Test]
    public async Task An_unknown_message_type_is_answered_200_and_recorded_as_ignored()
    {
        var payload = Payloads.RobotText("unknown-1", "chat-c", "u1", "甲", "x", msgType: "hologram");
        var response = await CallbackSender.Robot(_client).PostAsync(payload, Now);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Db.ScalarAsync<string>(_factory.ConnectionString, "SELECT status FROM inbound_messages WHERE dedupe_key = 'unknown-1'"),
            Is.EqualTo("ignored"));
    }

    private static IEnumerable<TestCaseData> BadRequests()
    {
        var payload = Payloads.RobotText("bad-1", "chat-x", "mallory", "M", "hi");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => s.Build(payload, now, signature: new string('a', 40))), HttpStatusCode.Unauthorized)
            .SetName("A wrong signature is refused with 401");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => s.Build(payload, now - 3600)), HttpStatusCode.Unauthorized)
            .SetName("A stale timestamp is refused with 401");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => s.Build(payload, now + 3600)), HttpStatusCode.Unauthorized)
            .SetName("A timestamp from the future is refused with 401");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => Tampered(s, payload, now)), HttpStatusCode.BadRequest)
            .SetName("Tampered ciphertext with a valid signature is refused with 400");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => s.Build("<!DOCTYPE x [<!ENTITY a \"b\">]><xml><MsgType>&a;</MsgType></xml>", now)), HttpStatusCode.BadRequest)
            .SetName("An inner payload with a DTD is refused with 400");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => s.Build("<xml><MsgType>text", now)), HttpStatusCode.BadRequest)
            .SetName("Broken inner XML is refused with 400");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => new HttpRequestMessage(HttpMethod.Post, "/wecom/callback?timestamp=1") { Content = new StringContent("<xml/>") }), HttpStatusCode.BadRequest)
            .SetName("Missing query parameters are refused with 400");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => new HttpRequestMessage(HttpMethod.Post, $"/wecom/callback?msg_signature=a&timestamp={now}&nonce=1") { Content = new StringContent("<xml><Encrypt>") }), HttpStatusCode.BadRequest)
            .SetName("A broken envelope is refused with 400");
        yield return new TestCaseData((Func<CallbackSender, long, HttpRequestMessage>)((s, now) => new HttpRequestMessage(HttpMethod.Post, $"/wecom/callback?msg_signature=a&timestamp={now}&nonce=1") { Content = new StringContent(new string('x', 300 * 1024)) }), HttpStatusCode.RequestEntityTooLarge)
            .SetName("A body over the limit is refused with 413");
    }

    /// <summary>A forger who knows the token but not the key: the signature is right, the ciphertext is not WeCom's.</summary>
    private static HttpRequestMessage Tampered(CallbackSender sender, string payload, long now)
    {
        var bytes = Convert.FromBase64String(sender.Encrypt(payload));
        bytes[^20] ^= 0x5A;
        return sender.BuildSigned(Convert.ToBase64String(bytes), now);
    }

    [TestCaseSource(nameof(BadRequests))]
    public async Task Bad_input_is_refused_and_changes_nothing(Func<CallbackSender, long, HttpRequestMessage> build, HttpStatusCode expected)
    {
        var before = await Db.CountInboundAsync(_factory.ConnectionString);

        var response = await _client.SendAsync(build(CallbackSender.Robot(_client), Now));

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        Assert.That(await Db.CountInboundAsync(_factory.ConnectionString), Is.EqualTo(before), "nothing stored");
    }

    [Test]
    public async Task A_message_for_another_corp_is_refused_with_401()
    {
        var before = await Db.CountInboundAsync(_factory.ConnectionString);
        var response = await CallbackSender.App(_client, receiveId: "wwOtherCorp000000").PostAsync(Payloads.AppText("other-1", "x", "hi"), Now);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await Db.CountInboundAsync(_factory.ConnectionString), Is.EqualTo(before));
    }
}
