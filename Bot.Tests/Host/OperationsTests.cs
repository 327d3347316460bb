using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Host;

public class OperationsTests
{
    [Test]
    public async Task Health_readiness_and_metrics_answer_and_metrics_count_callbacks()
    {
        // An in-process client has no address, so it reads the metrics with the key, as a scraper elsewhere would.
        using var factory = new BotFactory(new Dictionary<string, string?> { ["Metrics:ApiKey"] = "metrics-key-for-tests" });
        using var client = factory.CreateClient();
        var now = factory.Time.GetUtcNow().ToUnixTimeSeconds();
        await CallbackSender.Robot(client).PostAsync(Payloads.RobotText("ops-1", "ops", "u", "甲", "你好"), now);
        await client.SendAsync(CallbackSender.Robot(client).Build(Payloads.RobotText("ops-2", "ops", "u", "甲", "x"), now, signature: new string('0', 40)));

        Assert.That(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)), Is.EqualTo("ok"));
        Assert.That(await client.GetStringAsync(new Uri("/readyz", UriKind.Relative)),
            Does.StartWith("ready\ndatabase: reachable\nspool: 0 callbacks waiting (0 of 268435456 bytes)"));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "metrics-key-for-tests");
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.That(metrics, Does.Contain("bot_callbacks_total{channel=\"Robot\",outcome=\"recorded\"}"));
        Assert.That(metrics, Does.Contain("bot_callbacks_total{channel=\"Robot\",outcome=\"refused\"}"));
        Assert.That(metrics, Does.Contain("bot_spool_records 0").And.Contain("bot_spool_bytes 0"));
    }
}
