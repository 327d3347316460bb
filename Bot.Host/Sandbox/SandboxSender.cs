using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Bot.Host.Rules;
using Bot.Host.WeCom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot.Host.Sandbox;

/// <summary>
/// Plays WeCom's group robot: builds the callback XML exactly as WeCom does (doc 99399), encrypts and signs it with
/// the configured robot token and key, and POSTs it over HTTP to this host's own <c>/wecom/callback</c>, so the
/// message goes through everything a real one does: signature, timestamp window, decryption, parsing, rules, outbox.
/// </summary>
public sealed class SandboxSender(IHttpClientFactory clients, IOptions<WeComOptions> wecom, IServer server, TimeProvider time, PolicyDefaults policy)
{
    public const string ClientName = "sandbox";

    /// <summary>The bot's display name in the group (<c>Policy:BotName</c>); members address it with a leading @, as in WeCom.</summary>
    public string BotName => policy.Policy.BotName;

    public async Task<(int Status, string Body)> SendAsync(string chatId, string userId, string name, string text, string webhookKey, CancellationToken ct)
    {
        var options = wecom.Value;
        var crypto = new WeComCrypto(options.Robot.Token, options.Robot.EncodingAesKey, options.Robot.ReceiveId);
        var webhookUrl = new Uri(options.ApiBaseUrl, $"cgi-bin/webhook/send?key={Uri.EscapeDataString(webhookKey)}");
        var encrypt = crypto.Encrypt(RobotXml(Guid.NewGuid().ToString("N"), chatId, userId, name, $"@{BotName} {text}", webhookUrl));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeComCrypto.Signature(options.Robot.Token, timestamp, nonce, encrypt);
        var body = new XElement("xml", new XElement("ToUserName", new XCData("")), new XElement("Encrypt", new XCData(encrypt)),
            new XElement("AgentID", new XCData(""))).ToString(SaveOptions.DisableFormatting);

        var url = new Uri(SelfAddress(), $"wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}");
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await clients.CreateClient(ClientName).PostAsync(url, content, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>The decrypted payload of a group robot callback for a text message (WeCom sends only those that @ the bot).</summary>
    public static string RobotXml(string msgId, string chatId, string userId, string name, string text, Uri webhookUrl) =>
        new XElement("xml",
            new XElement("WebhookUrl", new XCData(webhookUrl.ToString())),
            new XElement("ChatId", new XCData(chatId)),
            new XElement("ChatType", "group"),
            new XElement("From", new XElement("UserId", userId), new XElement("Name", new XCData(name)), new XElement("Alias", new XCData(userId))),
            new XElement("MsgType", "text"),
            new XElement("Text", new XElement("Content", new XCData(text))),
            new XElement("MsgId", msgId)).ToString(SaveOptions.DisableFormatting);

    /// <summary>Where this host listens (a wildcard address is reached on the loopback): the callback goes over real HTTP.</summary>
    private Uri SelfAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the sandbox needs the host to listen on a network address");
        var uri = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }
}
