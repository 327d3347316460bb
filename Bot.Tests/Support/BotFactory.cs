using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// The real host in process, on its own fresh database, with the official WeCom vectors' credentials on its three
/// channels and a fake clock. Settings passed in win over these defaults.
/// </summary>
public sealed class BotFactory(IReadOnlyDictionary<string, string?>? overrides = null, string? connectionString = null,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(WeComVectors.A2Timestamp));

    public string ConnectionString { get; } = connectionString ?? TestPostgres.NewDatabase();

    /// <summary>This host's own spool directory, as each replica has in production; removed with the host.</summary>
    public string SpoolDirectory { get; } = overrides?.TryGetValue("Spool:Directory", out var directory) == true && directory is not null
        ? directory
        : Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");

    /// <summary>The group robot's callback token this host checks signatures with.</summary>
    public string RobotToken => overrides?.TryGetValue("WeCom:Robot:Token", out var token) == true && token is not null ? token : WeComVectors.TokenC;

    /// <summary>Where the host sends WeCom API calls, when a test set it.</summary>
    public Uri? ApiBaseUrl => overrides?.TryGetValue("WeCom:ApiBaseUrl", out var url) == true && url is not null ? new Uri(url) : null;

    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["WeCom:CorpId"] = WeComVectors.CorpIdA,
        ["WeCom:Robot:Token"] = WeComVectors.TokenC,
        ["WeCom:Robot:EncodingAesKey"] = WeComVectors.KeyC,
        ["WeCom:AiBot:Token"] = WeComVectors.TokenB,
        ["WeCom:AiBot:EncodingAesKey"] = WeComVectors.KeyB,
        ["WeCom:App:Token"] = WeComVectors.TokenA,
        ["WeCom:App:EncodingAesKey"] = WeComVectors.KeyA,
        ["WeCom:App:AgentId"] = "1000002",
        ["WeCom:App:Secret"] = "app-secret-for-tests",
        ["Admin:ApiKey"] = "admin-key-for-tests",
        // Only WeCom:ApiBaseUrl's origin (the fake on 127.0.0.1): payloads naming WeCom's real hosts must never make a test
        // reach the Internet. A host under .invalid never resolves (RFC 6761).
        ["WeCom:WebhookHosts:0"] = "wecom-hosts-are-off-in-tests.invalid",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Bot", ConnectionString);
        builder.UseSetting("Spool:Directory", SpoolDirectory);
        foreach (var (key, value) in Defaults.Where(d => overrides?.ContainsKey(d.Key) != true))
            builder.UseSetting(key, value);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            configureServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (overrides?.ContainsKey("Spool:Directory") != true && Directory.Exists(SpoolDirectory)) Directory.Delete(SpoolDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
