using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Bot.Host.WeCom;

namespace Bot.LoadGen;

/// <summary>
/// Drives one URL at a fixed concurrency for a fixed time: each of <c>connections</c> workers sends its next request as
/// soon as the previous one is answered (a closed loop, as wrk does), and every latency is kept.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, int connections)
{
    public sealed record Result(int Ok, int Failed, TimeSpan Elapsed, double[] LatenciesMs, HashSet<string> OkIds)
    {
        public double PerSecond => Ok / Elapsed.TotalSeconds;

        public double Percentile(double p) => LatenciesMs.Length == 0 ? double.NaN
            : LatenciesMs[(int)Math.Min(LatenciesMs.Length - 1, Math.Floor(p * LatenciesMs.Length))];
    }

    public async Task<Result> RunAsync(Func<int, long, (string Id, HttpRequestMessage Request)?> next, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var okIds = new HashSet<string>[connections];
        var failed = new int[connections];
        var ok = new int[connections];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = new List<double>(1 << 14);
            okIds[worker] = [];
            for (long seq = 0; Stopwatch.GetTimestamp() < deadline; seq++)
            {
                if (next(worker, seq) is not { } item) break;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(item.Request);
                    await response.Content.LoadIntoBufferAsync();
                    latencies[worker].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ok[worker]++;
                        okIds[worker].Add(item.Id);
                    }
                    else
                    {
                        failed[worker]++;
                    }
                }
                catch (HttpRequestException)
                {
                    failed[worker]++;
                }
                finally
                {
                    item.Request.Dispose();
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(ok.Sum(), failed.Sum(), elapsed, all, [.. okIds.SelectMany(s => s)]);
    }
}

/// <summary>Validly signed, encrypted, distinct group-robot callbacks, spread over many groups and members.</summary>
internal sealed class CallbackFactory(string token, string encodingAesKey, int groups)
{
    private readonly WeComCrypto _crypto = new(token, encodingAesKey, "");

    public (string Id, HttpRequestMessage Request) Build(string prefix, int worker, long seq)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{worker}-{seq}");
        var n = (worker * 7919L) + seq;
        var chat = string.Create(CultureInfo.InvariantCulture, $"bench-g{n % groups}");
        var user = string.Create(CultureInfo.InvariantCulture, $"u{n % 97}");
        return (id, Build(id, chat, user, "老师" + user, $"@规则助手 第{seq}条：明天的教研活动改到三楼会议室，请大家准时参加。", seq));
    }

    /// <summary>One signed, encrypted group-robot callback carrying <paramref name="text"/> from <paramref name="user"/>.</summary>
    public HttpRequestMessage Build(string id, string chat, string user, string name, string text, long nonce)
    {
        // The WebhookUrl is on the host's WeCom:ApiBaseUrl (scripts/bench-load.sh: a closed local port), so the bot accepts
        // it as a real robot's, and whatever it sends fails on this machine.
        var payload = $"""
            <xml><WebhookUrl><![CDATA[http://127.0.0.1:9/cgi-bin/webhook/send?key=bench]]></WebhookUrl>
            <ChatId><![CDATA[{chat}]]></ChatId><ChatType>group</ChatType>
            <From><UserId>{user}</UserId><Name><![CDATA[{name}]]></Name><Alias><![CDATA[{user}]]></Alias></From>
            <MsgType>text</MsgType><Text><Content><![CDATA[{text}]]></Content></Text>
            <MsgId>{id}</MsgId></xml>
            """;
        var encrypt = _crypto.Encrypt(payload);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonceText = nonce.ToString(CultureInfo.InvariantCulture);
        var signature = WeComCrypto.Signature(token, timestamp, nonceText, encrypt);
        return new HttpRequestMessage(HttpMethod.Post, $"/wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonceText}")
        {
            Content = new StringContent($"<xml><ToUserName><![CDATA[]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>", Encoding.UTF8, "text/xml"),
        };
    }
}
