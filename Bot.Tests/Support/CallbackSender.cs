using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Host.WeCom;

namespace Bot.Tests.Support;

/// <summary>Plays WeCom: encrypts and signs a payload for one channel and POSTs it as WeCom would.</summary>
public sealed class CallbackSender(HttpClient client, string path, string token, string key, string receiveId, EnvelopeFormat format)
{
    private readonly WeComCrypto _crypto = new(token, key, receiveId);
    private int _nonce = 1000;

    public static CallbackSender Robot(HttpClient client, string token = WeComVectors.TokenC) =>
        new(client, "/wecom/callback", token, WeComVectors.KeyC, "", EnvelopeFormat.Xml);

    public static CallbackSender AiBot(HttpClient client) =>
        new(client, "/wecom/aibot", WeComVectors.TokenB, WeComVectors.KeyB, "", EnvelopeFormat.Json);

    public static CallbackSender App(HttpClient client, string receiveId = WeComVectors.CorpIdA) =>
        new(client, "/wecom/app", WeComVectors.TokenA, WeComVectors.KeyA, receiveId, EnvelopeFormat.Xml);

    public string Encrypt(string payload) => _crypto.Encrypt(payload);

    /// <summary>WeCom's request for <paramref name="payload"/>; a given <paramref name="signature"/> forges it.</summary>
    public HttpRequestMessage Build(string payload, long timestamp, string? signature = null) =>
        BuildSigned(Encrypt(payload), timestamp, signature);

    /// <summary>A request carrying <paramref name="encrypt"/> as it is, correctly signed unless a signature is given.</summary>
    public HttpRequestMessage BuildSigned(string encrypt, long timestamp, string? signature = null)
    {
        var nonce = Interlocked.Increment(ref _nonce).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ts = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        signature ??= WeComCrypto.Signature(token, ts, nonce, encrypt);
        var body = format == EnvelopeFormat.Xml
            ? $"<xml><ToUserName><![CDATA[{receiveId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
            : JsonSerializer.Serialize(new { encrypt });
        var request = new HttpRequestMessage(HttpMethod.Post,
            $"{path}?msg_signature={signature}&timestamp={ts}&nonce={nonce}")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(format == EnvelopeFormat.Xml ? "text/xml" : "application/json");
        return request;
    }

    public Task<HttpResponseMessage> PostAsync(string payload, long timestamp) => client.SendAsync(Build(payload, timestamp));
}
