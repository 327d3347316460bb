using System.Text;
using System.Text.Json;
using Bot.Host.FakeWeCom;
using Bot.Host.WeCom;
using Bot.Rules.Messaging;
using Bot.Tests.Messaging;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.WeCom;

/// <summary>The real client, built by AddWeComClient, against the fake WeCom API over real HTTP.</summary>
public class WeComApiClientTests
{
    private FakeWeComServer _fake = null!;
    private ServiceProvider _services = null!;

    private FakeWeComState Fake => _fake.State;
    private WeComApiClient Client => _services.GetRequiredService<WeComApiClient>();
    private const string Chat = "wrkSFfCgAAchat1";

    private Uri Webhook => WebhookAddress.FromKey(_fake.BaseUri, "group-key-1");

    [SetUp]
    public async Task StartFake() => await StartAsync(new FakeWeComState { KnownUsers = new HashSet<string> { "zhangsan", "lisi" } });

    [TearDown]
    public async Task StopFake()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Test]
    public async Task A_hundred_sends_fetch_one_token()
    {
        for (var i = 0; i < 100; i++)
        {
            var result = await Client.SendPrivateTextAsync(["zhangsan"], $"第 {i} 条", duplicateCheck: true, CancellationToken.None);
            Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), result.ToString());
        }

        Assert.That(Fake.GetTokenCalls, Is.EqualTo(1));
        Assert.That(Fake.Delivered, Has.Count.EqualTo(100));
    }

    [Test]
    public async Task An_expired_token_is_refreshed_once_and_the_send_succeeds()
    {
        await Client.SendPrivateTextAsync(["zhangsan"], "热身", duplicateCheck: false, CancellationToken.None);
        Fake.ExpireTokens();

        var result = await Client.SendPrivateTextAsync(["zhangsan"], "令牌过期后", duplicateCheck: false, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), result.ToString());
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(2));
        Assert.That(Fake.Requests.Where(r => r.Kind == FakeWeComRequestKind.MessageSend).Select(r => r.AnsweredErrCode),
            Is.EqualTo(new int?[] { 0, 42001, 0 }));
    }

    [Test]
    public async Task Twenty_concurrent_senders_with_an_expired_token_cause_one_gettoken()
    {
        await Client.SendPrivateTextAsync(["zhangsan"], "热身", duplicateCheck: false, CancellationToken.None);
        Fake.ExpireTokens();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Client.SendPrivateTextAsync(["lisi"], $"并发 {i}", duplicateCheck: true, CancellationToken.None)));

        Assert.That(results.Select(r => r.Outcome), Has.All.EqualTo(SendOutcome.Sent));
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(2), "one for the warm-up, one refresh for all twenty");
        Assert.That(Fake.Delivered, Has.Count.EqualTo(21));
    }

    [Test]
    public async Task The_token_is_refreshed_five_minutes_before_WeComs_expiry_by_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        await StartAsync(new FakeWeComState(), clock);
        await Client.SendPrivateTextAsync(["zhangsan"], "一", duplicateCheck: false, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(7200) - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await Client.SendPrivateTextAsync(["zhangsan"], "二", duplicateCheck: false, CancellationToken.None);
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(1));

        clock.Advance(TimeSpan.FromSeconds(2));
        await Client.SendPrivateTextAsync(["zhangsan"], "三", duplicateCheck: false, CancellationToken.None);
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Nobody_listening_is_transient()
    {
        var gone = await FakeWeComServer.StartAsync();
        var closedPort = gone.BaseUri;
        await gone.DisposeAsync();
        await StartAsync(new FakeWeComState(), baseUri: closedPort);

        var result = await Client.SendWebhookTextAsync(WebhookAddress.FromKey(closedPort, "k"), Chat, "你好", [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrMsg), Is.EqualTo((SendOutcome.Transient, "HTTP request failed: ConnectionError")));
    }

    [Test]
    public async Task A_token_rejected_again_after_the_refresh_is_transient()
    {
        Fake.FailNext(42001, "access_token expired", times: 2, path: "/cgi-bin/message/send");

        var result = await Client.SendAppChatTextAsync("chat-1", "你好", CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), "the fault was scripted for message/send only");
        result = await Client.SendPrivateTextAsync(["zhangsan"], "你好", duplicateCheck: false, CancellationToken.None);
        Assert.That((result.Outcome, result.ErrCode), Is.EqualTo((SendOutcome.Transient, (int?)42001)));
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task Busy_minus_one_is_transient_and_not_retried_behind_the_callers_back()
    {
        Fake.FailNext(-1, "system busy");

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "提醒", [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode, result.ErrMsg), Is.EqualTo((SendOutcome.Transient, (int?)-1, "system busy")));
        Assert.That(Fake.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Http_500_on_a_send_is_transient_and_sent_once_the_outbox_decides_about_retrying()
    {
        Fake.FailNextWithHttpStatus(500);

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "提醒", [], CancellationToken.None);

        Assert.That((result.Outcome, result.HttpStatus, result.ErrCode), Is.EqualTo((SendOutcome.Transient, (int?)500, (int?)null)));
        Assert.That(Fake.Requests, Has.Count.EqualTo(1), "a POST that reached WeCom is never repeated by the HTTP handler");
    }

    [Test]
    public async Task Http_500_on_gettoken_is_retried_by_the_handler_and_the_send_succeeds()
    {
        Fake.FailNextWithHttpStatus(500, times: 2, path: "/cgi-bin/gettoken");

        var result = await Client.SendPrivateTextAsync(["zhangsan"], "你好", duplicateCheck: true, CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), result.ToString());
        Assert.That(Fake.GetTokenCalls, Is.EqualTo(3));
    }

    [Test]
    public async Task Http_500_on_every_gettoken_attempt_is_transient()
    {
        Fake.FailNextWithHttpStatus(500, times: 3, path: "/cgi-bin/gettoken");

        var result = await Client.SendPrivateTextAsync(["zhangsan"], "你好", duplicateCheck: true, CancellationToken.None);

        Assert.That((result.Api, result.Outcome, result.HttpStatus), Is.EqualTo(("gettoken", SendOutcome.Transient, (int?)500)));
        Assert.That(Fake.Delivered, Is.Empty);
    }

    [Test]
    public async Task A_slow_answer_times_out_as_transient_though_WeCom_may_have_delivered_it()
    {
        Fake.DelayNext(TimeSpan.FromSeconds(3));

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "慢", [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode), Is.EqualTo((SendOutcome.Transient, (int?)null)), result.ToString());
        Assert.That(await Fake.WaitForAsync(r => r.Count(x => x.Delivered) == 1, TimeSpan.FromSeconds(5)), Is.True,
            "the fake acted on the message although its answer was lost: why the outbox, not the handler, owns such retries");
        Assert.That(Fake.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(45009, "api freq out of limit")]
    [TestCase(45033, "api concurrent out of limit")]
    [TestCase(130101, "send too many messages")]
    public async Task Rate_limit_answers_are_rate_limited(int errCode, string errMsg)
    {
        Fake.FailNext(errCode, errMsg);

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "提醒", [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode, result.ErrMsg), Is.EqualTo((SendOutcome.RateLimited, (int?)errCode, errMsg)));
    }

    [Test]
    public async Task Content_over_2048_bytes_is_permanent_with_WeComs_errmsg()
    {
        var result = await Client.SendWebhookTextAsync(Webhook, Chat, new string('字', 683), [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode, result.ErrMsg),
            Is.EqualTo((SendOutcome.Permanent, (int?)40058, "content exceed max length")));
        Assert.That(result.RawBody, Does.Contain("40058"));
    }

    [TestCase(93000, "invalid webhook url")]
    [TestCase(40035, "invalid parameter")]
    public async Task Other_errcodes_are_permanent_with_WeComs_errmsg(int errCode, string errMsg)
    {
        Fake.FailNext(errCode, errMsg);

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "提醒", [], CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode, result.ErrMsg), Is.EqualTo((SendOutcome.Permanent, (int?)errCode, errMsg)));
    }

    [Test]
    public async Task Wrong_app_secret_is_permanent_invalid_credential()
    {
        await StartAsync(new FakeWeComState { CorpSecret = "the-real-secret" });

        var result = await Client.SendPrivateTextAsync(["zhangsan"], "你好", duplicateCheck: true, CancellationToken.None);

        Assert.That((result.Api, result.Outcome, result.ErrCode, result.ErrMsg),
            Is.EqualTo(("gettoken", SendOutcome.Permanent, (int?)40001, "invalid credential")));
        Assert.That(result.ToString(), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task Unknown_recipients_come_back_in_invaliduser_and_the_send_counts_as_sent()
    {
        var result = await Client.SendPrivateTextAsync(["zhangsan", "ghost"], "你好", duplicateCheck: true, CancellationToken.None);

        Assert.That((result.Outcome, result.InvalidUser), Is.EqualTo((SendOutcome.Sent, "ghost")));
        Assert.That(result.MsgId, Is.Not.Empty);
        Assert.That(result.RawBody, Does.Contain("\"invaliduser\":\"ghost\""));
    }

    [Test]
    public async Task Every_recipient_invalid_is_permanent_81013()
    {
        var result = await Client.SendPrivateTextAsync(["ghost"], "你好", duplicateCheck: true, CancellationToken.None);

        Assert.That((result.Outcome, result.ErrCode), Is.EqualTo((SendOutcome.Permanent, (int?)81013)));
    }

    [Test]
    public async Task An_address_on_another_host_is_refused_by_the_client_and_nothing_is_sent()
    {
        await using var elsewhere = await FakeWeComServer.StartAsync();
        var foreign = WebhookAddress.FromKey(elsewhere.BaseUri, "stolen");

        var result = await Client.SendWebhookTextAsync(foreign, Chat, "钓鱼", [], CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Permanent));
        Assert.That(elsewhere.State.Requests, Is.Empty);
        Assert.That(Fake.Requests, Is.Empty);
    }

    [TestCase("a|b")]
    [TestCase("@all_group")]
    [TestCase("@all")]
    public async Task A_chat_id_WeCom_would_read_as_several_chats_is_refused_and_nothing_is_sent(string chatId)
    {
        var result = await Client.SendWebhookTextAsync(Webhook, chatId, "提醒", [], CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Permanent));
        Assert.That(Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task A_redirect_from_WeComs_host_is_not_followed()
    {
        await using var elsewhere = await FakeWeComServer.StartAsync();
        Fake.Enqueue(new FakeWeComFault { RedirectTo = WebhookAddress.FromKey(elsewhere.BaseUri, "stolen") });

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, "提醒", [], CancellationToken.None);

        Assert.That((result.Outcome, result.HttpStatus), Is.EqualTo((SendOutcome.Permanent, (int?)302)));
        Assert.That(elsewhere.State.Requests, Is.Empty, "the redirect's target saw nothing");
    }

    [Test]
    public async Task A_redirect_answering_a_response_url_is_not_followed()
    {
        await using var elsewhere = await FakeWeComServer.StartAsync();
        Fake.Enqueue(new FakeWeComFault { RedirectTo = WebhookAddress.FromKey(elsewhere.BaseUri, "stolen") });

        var result = await Client.SendResponseUrlMarkdownAsync(new Uri(_fake.BaseUri, "/cgi-bin/aibot/response?response_code=RC"), "答复", CancellationToken.None);

        Assert.That((result.Outcome, result.HttpStatus), Is.EqualTo((SendOutcome.Permanent, (int?)302)));
        Assert.That(elsewhere.State.Requests, Is.Empty);
    }

    [Test]
    public async Task A_callback_WebhookUrl_on_the_API_host_is_used_through_its_key_only()
    {
        var callbackUrl = new Uri(_fake.BaseUri, "/cgi-bin/webhook/send?key=k-1&debug=1").ToString();

        Assert.That(WebhookAddress.TryFromCallback(callbackUrl, new WeComHosts(_fake.BaseUri, []), out var address, out _), Is.True);
        var result = await Client.SendWebhookTextAsync(address!, Chat, "你好", ["zhangsan"], CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), result.ToString());
        Assert.That(Fake.Requests.Single().Query, Is.EqualTo("?key=k-1"));
        Assert.That(Fake.Requests.Single().WebhookKey, Is.EqualTo("k-1"));
    }

    [Test]
    public async Task Chinese_content_arrives_byte_exact_in_WeComs_format()
    {
        const string content = "请各位老师于今晚 22:00 前回复“收到”。<b>&\"引号\"\\ 😀";

        var result = await Client.SendWebhookTextAsync(Webhook, Chat, content, ["zhangsan", "@all"], CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent));
        var request = Fake.Requests.Single();
        Assert.That(request.Content, Is.EqualTo(content));
        Assert.That(request.MentionedList, Is.EqualTo((string[])["zhangsan", "@all"]));
        Assert.That(request.BodyText, Does.Contain("请各位老师于今晚 22:00 前回复“收到”。<b>&"), "sent as UTF-8, not \\u escapes");
        Assert.That(request.BodyText, Does.StartWith("{\"chatid\":\"wrkSFfCgAAchat1\",\"msgtype\":\"text\",\"text\":{\"content\":\"请"));
    }

    [Test]
    public async Task A_private_message_goes_out_in_WeComs_format()
    {
        await Client.SendPrivateTextAsync(["zhangsan", "lisi"], "请查收", duplicateCheck: true, CancellationToken.None);

        var request = Fake.Requests.Single(r => r.Kind == FakeWeComRequestKind.MessageSend);
        Assert.That(request.BodyText, Is.EqualTo(
            "{\"touser\":\"zhangsan|lisi\",\"msgtype\":\"text\",\"agentid\":1000002,\"text\":{\"content\":\"请查收\"}," +
            "\"safe\":0,\"enable_duplicate_check\":1,\"duplicate_check_interval\":1800}"));
        Assert.That(request.Query, Does.StartWith("?access_token=fake-token-"));
    }

    [Test]
    public async Task With_the_duplicate_check_on_a_repeat_is_accepted_but_delivered_once()
    {
        var first = await Client.SendPrivateTextAsync(["zhangsan"], "同一条", duplicateCheck: true, CancellationToken.None);
        var repeat = await Client.SendPrivateTextAsync(["zhangsan"], "同一条", duplicateCheck: true, CancellationToken.None);

        Assert.That((first.Outcome, repeat.Outcome), Is.EqualTo((SendOutcome.Sent, SendOutcome.Sent)));
        Assert.That(Fake.Delivered, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task App_chat_text_and_response_url_markdown_reach_their_endpoints()
    {
        var chat = await Client.SendAppChatTextAsync("wrkSFfCgAAxxxx", "群聊消息", CancellationToken.None);
        var reply = await Client.SendResponseUrlMarkdownAsync(
            new Uri(_fake.BaseUri, "/cgi-bin/aibot/response?response_code=RC1"), "**已记录**", CancellationToken.None);

        Assert.That((chat.Outcome, reply.Outcome), Is.EqualTo((SendOutcome.Sent, SendOutcome.Sent)));
        Assert.That(Fake.Delivered.Select(r => (r.Kind, r.ChatId, r.MsgType, r.Content)), Is.EqualTo(new[]
        {
            (FakeWeComRequestKind.AppChatSend, (string?)"wrkSFfCgAAxxxx", (string?)"text", (string?)"群聊消息"),
            (FakeWeComRequestKind.AiBotResponse, null, "markdown", "**已记录**"),
        }));
    }

    [Test]
    public async Task A_response_url_on_another_host_is_refused()
    {
        var result = await Client.SendResponseUrlMarkdownAsync(new Uri("https://evil.example/cgi-bin/aibot/response?response_code=x"), "x", CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Permanent));
        Assert.That(Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task A_two_thousand_member_mention_list_is_accepted_by_WeCom_chunk_by_chunk()
    {
        var members = MentionSplitterTests.Members(2000);
        var chunks = MentionSplitter.Split("【提醒】请以下老师回复“收到”", members);

        foreach (var chunk in chunks)
        {
            var result = await Client.SendWebhookTextAsync(Webhook, Chat, chunk.Content, chunk.MentionedUserIds, CancellationToken.None);
            Assert.That(result.Outcome, Is.EqualTo(SendOutcome.Sent), result.ToString());
        }

        Assert.That(Fake.Delivered.SelectMany(r => r.MentionedList), Is.EqualTo(members.Select(m => m.UserId)));
        Assert.That(Fake.Delivered.Select(r => Encoding.UTF8.GetByteCount(r.Content!)), Has.All.LessThanOrEqualTo(2048));
    }

    [Test]
    public void A_result_never_prints_the_access_token()
    {
        var token = new WeComSendResult("gettoken", SendOutcome.Sent, 0, "ok") { AccessToken = "SECRET-TOKEN" };

        Assert.That(token.ToString(), Does.Not.Contain("SECRET-TOKEN"));
        Assert.That(JsonSerializer.Serialize(token.ToString()), Does.Not.Contain("SECRET-TOKEN"));
    }

    /// <summary>Starts (or restarts) the fake with <paramref name="state"/> and a client wired exactly as the host wires it.</summary>
    private async Task StartAsync(FakeWeComState state, TimeProvider? clock = null, Uri? baseUri = null)
    {
        if (_fake is not null)
        {
            await StopFake();
        }

        _fake = await FakeWeComServer.StartAsync(state);
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.Configure<WeComOptions>(o =>
        {
            o.ApiBaseUrl = baseUri ?? _fake.BaseUri;
            o.CorpId = "ww-fake-corp";
            o.App.AgentId = 1000002;
            o.App.Secret = "fake-app-secret";
        });
        services.AddWeComClient();

        // Production's retry policy, with test-sized waits: a 1 s attempt timeout, 10 ms between retries.
        services.Configure<HttpStandardResilienceOptions>(WeComClientServiceCollectionExtensions.ResilienceOptionsName, o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(4);
            o.Retry.Delay = TimeSpan.FromMilliseconds(10);
        });
        _services = services.BuildServiceProvider(validateScopes: true);
    }
}
