using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bot.Host.FakeWeCom;

namespace Bot.Tests.Support;

/// <summary>
/// Group traffic for the process tests: in each group the issuer posts a notice (收到请回复), two members acknowledge it,
/// two others only chat — so every notice's reply deadline ends in one @-reminder naming m3 and m4.
/// </summary>
public static class NoticeTraffic
{
    public const string Policy = """{"replyWindow":"00:00:02","explanationWindow":"01:00:00","quietHours":[]}""";
    public static readonly string[] Members = ["boss", "m1", "m2", "m3", "m4"];

    public static string Chat(string run, int group) => $"wrk{run}{group:D3}";

    public static string Key(string run, int group) => $"key-{run}-{group}";

    public static async Task SeedAsync(string connectionString, string run, int groups)
    {
        var now = DateTimeOffset.UtcNow;
        await Seed.PeopleAsync(connectionString, now, ("boss", "王主任"), ("m1", "张老师"), ("m2", "陈老师"), ("m3", "刘老师"), ("m4", "黄老师"));
        for (var g = 0; g < groups; g++)
            await Seed.GroupAsync(connectionString, Chat(run, g), Key(run, g), "boss", Members, Policy, now);
    }

    /// <summary>All notices first (so their deadlines fall inside the burst), then the rest, group after group.</summary>
    public static IReadOnlyList<(string MsgId, string Payload)> Messages(string run, int groups, int perGroup)
    {
        var notices = new List<(string, string)>();
        var rest = new List<(string, string)>();
        for (var g = 0; g < groups; g++)
        {
            var chat = Chat(run, g);
            notices.Add(($"{run}-n-{g}", Payloads.RobotText($"{run}-n-{g}", chat, "boss", "王主任", $"第{g}号通知：明天开会。收到请回复：我已知晓，马上照办！")));
            rest.Add(($"{run}-r1-{g}", Payloads.RobotText($"{run}-r1-{g}", chat, "m1", "张老师", "我已知晓，马上照办")));
            rest.Add(($"{run}-r2-{g}", Payloads.RobotText($"{run}-r2-{g}", chat, "m2", "陈老师", "我已知晓，马上照办！")));
            for (var k = 0; k < perGroup - 3; k++)
            {
                var (user, name) = (k % 3) switch { 0 => ("m3", "刘老师"), 1 => ("m4", "黄老师"), _ => ("boss", "王主任") };
                rest.Add(($"{run}-c{k}-{g}", Payloads.RobotText($"{run}-c{k}-{g}", chat, user, name, $"第{k}条闲聊：今天的课表在哪里？{g}")));
            }
        }

        return [.. notices, .. rest.OrderBy(m => m.Item1.Length).ThenBy(m => m.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The reminders the fake delivered, per webhook key: posts mentioning both silent members.</summary>
    public static IReadOnlyDictionary<string, int> RemindersByKey(FakeWeComState fake) =>
        fake.Delivered.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend && r.MentionedList.Contains("m3") && r.MentionedList.Contains("m4"))
            .GroupBy(r => r.WebhookKey!).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Posts <paramref name="messages"/> with <paramref name="concurrency"/> in flight, each to the client <paramref name="route"/>
    /// picks; returns the msg ids answered 200 and every other outcome (status or exception) by msg id. With
    /// <paramref name="pause"/>, each sender waits that long after each answer: a burst spread over time, as WeCom delivers.
    /// </summary>
    public static async Task<(ConcurrentBag<string> Ok, ConcurrentDictionary<string, string> Failed, List<double> LatenciesMs)> SendAsync(
        IReadOnlyList<(string MsgId, string Payload)> messages, Func<int, CallbackSender> route, int concurrency, Action<int>? onAnswered = null,
        TimeSpan pause = default)
    {
        var ok = new ConcurrentBag<string>();
        var failed = new ConcurrentDictionary<string, string>();
        var latencies = new ConcurrentBag<double>();
        var answered = 0;
        await Parallel.ForAsync(0, messages.Count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var (msgId, payload) = messages[i];
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await route(i).PostAsync(payload, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.OK) ok.Add(msgId);
                else failed[msgId] = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failed[msgId] = ex.GetType().Name;
            }

            onAnswered?.Invoke(Interlocked.Increment(ref answered));
            if (pause > TimeSpan.Zero) await Task.Delay(pause, ct);
        });
        return (ok, failed, [.. latencies]);
    }
}
