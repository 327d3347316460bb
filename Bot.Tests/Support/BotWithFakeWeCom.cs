using Bot.Host.FakeWeCom;
using Bot.Host.Outbound;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>
/// The bot in process with WeCom on both sides played by tests: encrypted callbacks in (<see cref="Robot"/>), a fake
/// WeCom API on 127.0.0.1 out (<see cref="WeCom"/>). Workers run only when <see cref="RunWorkersAsync"/> says so, so
/// a test decides exactly when deadlines fire and messages go out.
/// </summary>
public sealed class BotWithFakeWeCom : IAsyncDisposable
{
    public const string AppSecret = "app-secret-for-tests";

    private readonly FakeWeComServer _fake;
    private readonly HttpClient _client;

    private BotWithFakeWeCom(FakeWeComServer fake, BotFactory factory)
    {
        _fake = fake;
        Factory = factory;
        _client = factory.CreateClient();
        Robot = CallbackSender.Robot(_client, factory.RobotToken);
    }

    public BotFactory Factory { get; }
    public FakeWeComState WeCom => _fake.State;
    public CallbackSender Robot { get; }
    public HttpClient Client => _client;
    public string ConnectionString => Factory.ConnectionString;

    public static async Task<BotWithFakeWeCom> StartAsync(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, string? connectionString = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var fake = await FakeWeComServer.StartAsync(new FakeWeComState
        {
            CorpId = WeComVectors.CorpIdA,
            CorpSecret = AppSecret,
            AgentId = 1000002,
        });
        var overrides = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = fake.BaseUri.ToString(),
            ["Outbox:BackgroundWorkers"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) overrides[key] = value;
        var factory = new BotFactory(overrides, connectionString, configureServices);
        factory.Time.SetUtcNow(now.ToUniversalTime());
        var bot = new BotWithFakeWeCom(fake, factory);
        await bot._client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return bot;
    }

    public DateTimeOffset Now => Factory.Time.GetUtcNow().ToUniversalTime();

    /// <summary>A member posts in a group through the robot callback; WeCom must get 200.</summary>
    public async Task PostAsync(string chatId, string userId, string name, string text, string? msgId = null)
    {
        var payload = Payloads.RobotText(msgId ?? Guid.NewGuid().ToString("N"), chatId, userId, name, text);
        using var response = await Robot.PostAsync(payload, Now.ToUnixTimeSeconds());
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Moves the clock, fires what is due and sends what is due, as the background workers would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Factory.Time.Advance(by);
        await RunWorkersAsync();
    }

    public async Task RunWorkersAsync()
    {
        var timers = Factory.Services.GetRequiredService<TimerWorker>();
        var outbox = Factory.Services.GetRequiredService<OutboxDispatcher>();
        while (await timers.FireDueAsync(CancellationToken.None) + await outbox.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>
    /// Group posts as members see them: one per group a post reached, <see cref="FakeWeComRequest.ChatId"/> being that
    /// group. A post that named no chat reaches every group of its robot (<see cref="SeedGroupAsync"/> puts each robot
    /// in <see cref="AnotherGroupOfTheRobot"/> too), so it shows up twice and the test that let it through fails.
    /// </summary>
    public IReadOnlyList<FakeWeComRequest> GroupPosts =>
        [.. WeCom.Delivered.Where(r => r.Kind == FakeWeComRequestKind.WebhookSend).SelectMany(r => r.DeliveredTo.Select(chat => r with { ChatId = chat }))];

    /// <summary>A group each seeded robot also sits in, as robots do: what a post without chatid would wrongly reach.</summary>
    public const string AnotherGroupOfTheRobot = "wrkAnotherGroupOfTheSameRobot";

    public IReadOnlyList<FakeWeComRequest> PrivateMessages => [.. WeCom.Delivered.Where(r => r.Kind == FakeWeComRequestKind.MessageSend)];

    /// <summary>The school office enters a person through the admin API, as an administrator would.</summary>
    public async Task SeedPersonAsync(string userId, string name, string department, string? supervisor = null, string? role = null) =>
        await AdminPutAsync($"/api/people/{userId}", new { name, department, supervisor, role });

    /// <summary>
    /// The school office configures a group through the admin API: its robot key, owner, roster and policy, and the chat
    /// id confirmed as WeCom's (copied from WeCom, so posts name it before any callback). The robot of that key sits in
    /// <see cref="AnotherGroupOfTheRobot"/> as well.
    /// </summary>
    public async Task SeedGroupAsync(string chatId, string name, string? webhookKey, string owner, IReadOnlyList<string> members, IReadOnlyList<string> issuers, string policyJson = "{}")
    {
        if (webhookKey is not null) WeCom.AddRobot(webhookKey, chatId, AnotherGroupOfTheRobot);
        await AdminPutAsync($"/api/groups/{chatId}", new { name, webhookKey, owner, members, issuers, policy = JsonNode.Parse(policyJson), chatIdConfirmed = true });
    }

    private async Task AdminPutAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        using var response = await _client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Factory.DisposeAsync();
        await _fake.DisposeAsync();
    }
}
