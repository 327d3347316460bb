using Bot.Host.Rules;
using Bot.Rules.Acknowledgement;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Host;

public class ConfigurationTests
{
    [TestCase("ConnectionStrings:Bot", "", "ConnectionStrings:Bot")]
    [TestCase("ConnectionStrings:Bot", "Host=127.0.0.1;Bogus Key=1", "ConnectionStrings:Bot")]
    [TestCase("WeCom:Robot:EncodingAesKey", "tooShort", "WeCom:Robot:EncodingAesKey")]
    [TestCase("WeCom:App:EncodingAesKey", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C1", "WeCom:App:EncodingAesKey")]
    [TestCase("WeCom:AiBot:EncodingAesKey", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "WeCom:AiBot:EncodingAesKey")]
    [TestCase("WeCom:Robot:Token", "", "WeCom:Robot:Token")]
    [TestCase("WeCom:ApiBaseUrl", "not a url", "WeCom:ApiBaseUrl")]
    [TestCase("WeCom:ApiBaseUrl", "ftp://qyapi.weixin.qq.com", "WeCom:ApiBaseUrl")]
    [TestCase("WeCom:TimestampTolerance", "-00:01:00", "WeCom:TimestampTolerance")]
    [TestCase("WeCom:CorpId", "", "WeCom:CorpId")]
    [TestCase("WeCom:WebhookHosts:0", "https://qyapi.weixin.qq.com", "WeCom:WebhookHosts:0")]
    [TestCase("WeCom:WebhookHosts:0", "101.91.40.52", "WeCom:WebhookHosts:0")]
    [TestCase("WeCom:BotNames:0", "@规则助手", "WeCom:BotNames:0")]
    [TestCase("Policy:ReplyWindow", "soon", "Policy:ReplyWindow")]
    [TestCase("Policy:ReplyWindow", "-00:05:00", "Policy:ReplyWindow")]
    [TestCase("Policy:TimeZone", "Mars/Olympus", "Policy:TimeZone")]
    [TestCase("Policy:QuietHours:0:Start", "25:00", "Policy:QuietHours")]
    [TestCase("Policy:MaxLenght", "100", "Policy:MaxLenght")]
    [TestCase("Outbox:MaxAttempts", "0", "Outbox")]
    [TestCase("Inbound:MaxBatchSize", "0", "Inbound:MaxBatchSize")]
    [TestCase("Inbound:ConcurrentBatches", "0", "Inbound:ConcurrentBatches")]
    [TestCase("Inbound:MaxWaiting", "0", "Inbound:MaxWaiting")]
    [TestCase("Spool:MaxBytes", "1000", "Spool:MaxBytes")]
    [TestCase("Spool:Directory", "", "Spool:Directory")]
    [TestCase("Spool:Directory", "/proc/self/no-spool-here", "Spool:Directory")]
    [TestCase("Admin:KnownProxies:0", "proxy.example", "Admin:KnownProxies:0")]
    [TestCase("Admin:SessionLifetime", "-01:00:00", "Admin:SessionLifetime")]
    [TestCase("Metrics:AllowedAddresses:0", "10.0.0.0/99", "Metrics:AllowedAddresses:0")]
    [TestCase("Metrics:Port", "70000", "Metrics:Port")]
    public void The_host_refuses_to_start_and_names_the_key(string key, string value, string named)
    {
        using var factory = new BotFactory(new Dictionary<string, string?> { [key] = value }, connectionString: "Host=127.0.0.1;Database=unused");

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(Flatten(error!), Does.Contain(named));
    }

    [Test]
    public void A_channel_without_token_or_key_is_off_and_answers_404()
    {
        using var factory = new BotFactory(new Dictionary<string, string?>
        {
            ["WeCom:Robot:Token"] = "",
            ["WeCom:Robot:EncodingAesKey"] = "",
        });
        using var client = factory.CreateClient();

        var response = client.GetAsync("/wecom/callback?msg_signature=a&timestamp=1&nonce=1&echostr=x").Result;

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
    }

    /// <remarks>
    /// 《微信平台工作制度》: 经提醒后仍不回复的应最迟在第二天在群里作情况说明 — at the latest on the next day. The shipped
    /// configuration says so (no fixed window), and the README's table says the same.
    /// </remarks>
    [Test]
    public void The_shipped_settings_give_until_the_end_of_the_next_day_to_explain_as_the_policy_says()
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        var policy = PolicyConfiguration.Read(shipped);
        var remindedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.That(NoticeTimers.ExplanationDeadline(policy, remindedAt), Is.EqualTo(new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.FromHours(8))));
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
