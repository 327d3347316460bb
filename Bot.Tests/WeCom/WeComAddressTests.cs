using Bot.Host.WeCom;

namespace Bot.Tests.WeCom;

/// <summary>
/// What a callback may aim the bot at: a robot's WebhookUrl and a 智能机器人's response_url are used only as WeCom's own
/// path on WeCom's hosts (or the configured API's origin, where tests and the sandbox run their fake), rebuilt from the
/// host and the one parameter that matters.
/// </summary>
public class WeComAddressTests
{
    // The fake WeCom of tests and the sandbox lives at WeCom:ApiBaseUrl; the real hosts are the default allow-list.
    private static readonly WeComHosts Hosts = new(new Uri("http://127.0.0.1:5080"), WeComOptions.DefaultWebhookHosts);

    private const string Key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

    [TestCase("http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key, "http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "The host of a real capture (owent/wxwork_robotd, doc 99399), plain http, is used as given")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "The public API host over https is used as given")]
    [TestCase("http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key, "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "The public API host over plain http is used as given")]
    [TestCase("https://QYAPI.Weixin.QQ.com:443/cgi-bin/webhook/send?key=" + Key, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "Case and the default port are normalised away")]
    [TestCase("http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key + "&save=0&debug=1", "http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "Other parameters (a captured URL carries save=0) are dropped")]
    [TestCase(" http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key, "http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + Key,
        TestName = "A leading space (doc 99399 writes one before the CDATA) is no obstacle")]
    [TestCase("http://127.0.0.1:5080/cgi-bin/webhook/send?key=sandbox-key", "http://127.0.0.1:5080/cgi-bin/webhook/send?key=sandbox-key",
        TestName = "The configured API's own origin (the sandbox's fake) is accepted")]
    public void A_webhook_on_WeComs_hosts_is_accepted_and_rebuilt(string url, string expected)
    {
        Assert.That(WebhookAddress.TryFromCallback(url, Hosts, out var address, out var refusal), Is.True, refusal);
        Assert.That(address!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("https://qyapi.weixin.qq.com.evil.test/cgi-bin/webhook/send?key=k", TestName = "Look-alike: WeCom's host as a subdomain of another")]
    [TestCase("https://evilqyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", TestName = "Look-alike: a prefix on WeCom's host")]
    [TestCase("https://weixin.qq.com/cgi-bin/webhook/send?key=k", TestName = "Look-alike: WeCom's parent domain")]
    [TestCase("https://qyapi.weixin.qq.com./cgi-bin/webhook/send?key=k", TestName = "Look-alike: a trailing dot")]
    [TestCase("https://qyapi.weixin.qq.c\u03bfm/cgi-bin/webhook/send?key=k", TestName = "IDN: a Greek omicron in com")]
    [TestCase("https://xn--qyapi-weixin-qq-com.test/cgi-bin/webhook/send?key=k", TestName = "IDN: a punycode host")]
    [TestCase("https://qyapi.weixin.qq.com@evil.test/cgi-bin/webhook/send?key=k", TestName = "User info: WeCom's host as the user name")]
    [TestCase("https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", TestName = "User info: on WeCom's own host")]
    [TestCase("https://evil.test/cgi-bin/webhook/send?key=k#@qyapi.weixin.qq.com", TestName = "A fragment naming WeCom's host")]
    [TestCase("https://evil.test/qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", TestName = "WeCom's host in the path")]
    [TestCase("https://evil.test/cgi-bin/webhook/send?key=k&host=qyapi.weixin.qq.com", TestName = "WeCom's host in the query")]
    [TestCase("http://101.91.40.52/cgi-bin/webhook/send?key=k", TestName = "IP literal (v4)")]
    [TestCase("http://[::1]/cgi-bin/webhook/send?key=k", TestName = "IP literal (v6)")]
    [TestCase("http://2130706433/cgi-bin/webhook/send?key=k", TestName = "IP literal as a number (127.0.0.1, other port)")]
    [TestCase("http://127.0.0.1:6379/cgi-bin/webhook/send?key=k", TestName = "The API's host on another port")]
    [TestCase("https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=k", TestName = "WeCom's host on another port")]
    [TestCase("ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", TestName = "Another scheme")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/message/send?key=k", TestName = "Another path of WeCom's host: message/send")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?key=k", TestName = "Another path of WeCom's host: aibot/response")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send/../../gettoken?key=k", TestName = "Dot segments out of the path")]
    [TestCase("https://qyapi.weixin.qq.com/xxxxxxx", TestName = "The placeholder WebhookUrl of doc 99399's event examples")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", TestName = "No key")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=", TestName = "An empty key")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a&key=b", TestName = "Two keys")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a%26chatid%3D%40all", TestName = "A key smuggling a parameter")]
    [TestCase("/cgi-bin/webhook/send?key=k", TestName = "A relative URL")]
    [TestCase("", TestName = "Empty")]
    [TestCase(null, TestName = "None")]
    public void Anything_else_is_refused_with_a_reason_that_never_shows_the_key(string? url)
    {
        Assert.That(WebhookAddress.TryFromCallback(url, Hosts, out var address, out var refusal), Is.False, address?.ToString());
        Assert.That(refusal, Is.Not.Empty);
        Assert.That(refusal, Does.Not.Contain("key=").And.Not.Contain(Key));
    }

    [Test]
    public void The_allow_list_is_configured_not_fixed()
    {
        var internalHosts = new WeComHosts(new Uri("https://qyapi.weixin.qq.com"), ["wecom.proxy.example"]);

        Assert.That(WebhookAddress.TryFromCallback("http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", internalHosts, out _, out _), Is.False,
            "a host dropped from WeCom:WebhookHosts is refused");
        Assert.That(WebhookAddress.TryFromCallback("https://wecom.proxy.example/cgi-bin/webhook/send?key=k", internalHosts, out _, out _), Is.True);
        Assert.That(WebhookAddress.TryFromCallback("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", internalHosts, out _, out _), Is.True,
            "WeCom:ApiBaseUrl's origin stays allowed");
    }

    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE",
        "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE", TestName = "Doc 101138's example response_url")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=a/b%2Bc=",
        "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=a%2Fb%2Bc%3D", TestName = "A code is one opaque parameter, escaped again")]
    [TestCase("http://127.0.0.1:5080/cgi-bin/aibot/response?response_code=rc",
        "http://127.0.0.1:5080/cgi-bin/aibot/response?response_code=rc", TestName = "The fake's response path on the API's origin")]
    public void A_response_url_on_WeComs_response_path_is_accepted_and_rebuilt(string url, string expected)
    {
        Assert.That(ResponseAddress.TryFromCallback(url, Hosts, out var address, out var refusal), Is.True, refusal);
        Assert.That(address!.ToString(), Is.EqualTo(expected));
    }

    [TestCase("http://127.0.0.1:5080/cgi-bin/webhook/send?key=another-groups-key", TestName = "Another group's webhook on the API's own host")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k&response_code=rc", TestName = "The webhook path with a response code")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/message/send?response_code=rc", TestName = "Another path of WeCom's host")]
    [TestCase("https://qyapi.weixin.qq.com/aibot/response?response_code=rc", TestName = "The response path outside /cgi-bin")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/aibot/response", TestName = "No response code")]
    [TestCase("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=a&response_code=b", TestName = "Two response codes")]
    [TestCase("https://qyapi.weixin.qq.com.evil.test/cgi-bin/aibot/response?response_code=rc", TestName = "A look-alike host")]
    [TestCase("https://qyapi.weixin.qq.c\u03bfm/cgi-bin/aibot/response?response_code=rc", TestName = "An IDN look-alike host")]
    [TestCase("https://rc@evil.test/cgi-bin/aibot/response?response_code=rc", TestName = "User info")]
    [TestCase("http://10.0.0.1/cgi-bin/aibot/response?response_code=rc", TestName = "An IP literal")]
    [TestCase("RESPONSEURL", TestName = "Doc 100719's placeholder")]
    public void Any_other_response_url_is_refused(string url) =>
        Assert.That(ResponseAddress.TryFromCallback(url, Hosts, out _, out _), Is.False);
}
