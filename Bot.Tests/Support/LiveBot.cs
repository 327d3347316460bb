using System.Net;
using Bot.Host.Dashboard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Tests.Support;

/// <summary>
/// The real host on a real Kestrel socket at 127.0.0.1 (a browser cannot reach the in-memory test server), with the
/// sandbox on, its fake WeCom inside the same host (<c>WeCom:ApiBaseUrl</c> is the host's own address), the background
/// workers running on the real clock, short demo windows, and one administrator.
/// </summary>
public sealed class LiveBot : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct horse battery staple";

    // Few iterations: tests log in often, and the hash's strength is not what they test.
    public static readonly string AdminPasswordHash = PasswordHash.Create(AdminPassword, iterations: 1_000);

    public const string SandboxChat = "wrkSandboxSchool";
    public const string SandboxWebhookKey = "sandbox-key";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private LiveBot(int port, int? secondPort, IReadOnlyDictionary<string, string?>? settings)
    {
        Port = port;
        SecondPort = secondPort;
        _settings = settings ?? new Dictionary<string, string?>();
        // The port is chosen first because the host must know its own address (WeCom:ApiBaseUrl) before it starts.
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            if (secondPort is { } second) kestrel.Listen(IPAddress.Loopback, second);
        });
    }

    public int Port { get; }

    /// <summary>A second listening port, when the test asked for one (a separate port for <c>/metrics</c>).</summary>
    public int? SecondPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string ConnectionString { get; } = TestPostgres.NewDatabase();

    public string SpoolDirectory { get; } = Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(SpoolDirectory)) Directory.Delete(SpoolDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    public static TimeSpan ReplyWindow { get; } = TimeSpan.FromSeconds(4);

    /// <summary>Every configured value that no page may ever show.</summary>
    public static IReadOnlyList<string> Secrets =>
    [
        BotFactory.Defaults["WeCom:Robot:EncodingAesKey"]!, BotFactory.Defaults["WeCom:AiBot:Token"]!, BotFactory.Defaults["WeCom:AiBot:EncodingAesKey"]!,
        BotFactory.Defaults["WeCom:App:Token"]!, BotFactory.Defaults["WeCom:App:EncodingAesKey"]!, BotFactory.Defaults["WeCom:App:Secret"]!,
        BotFactory.Defaults["Admin:ApiKey"]!, SandboxWebhookKey, AdminPasswordHash, AdminPassword,
    ];

    /// <summary>Starts the host; <paramref name="settings"/> (configuration keys with ':') win over the defaults.</summary>
    public static LiveBot Start(IReadOnlyDictionary<string, string?>? settings = null, int? secondPort = null)
    {
        var bot = new LiveBot(PostgresCluster.FreePort(), secondPort, settings);
        bot.StartServer();
        return bot;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Bot", ConnectionString);
        builder.UseSetting("Spool:Directory", SpoolDirectory);
        foreach (var (key, value) in BotFactory.Defaults) builder.UseSetting(key, value);
        builder.UseSetting("WeCom:ApiBaseUrl", BaseAddress.ToString());
        builder.UseSetting("Sandbox:Enabled", "true");
        builder.UseSetting("Sandbox:ReplyWindow", ReplyWindow.ToString());
        builder.UseSetting("Sandbox:ExplanationWindow", "00:00:06");
        builder.UseSetting("Sandbox:RectificationWindow", "00:00:06");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Admin:Users:0:UserName", AdminUser);
        builder.UseSetting("Admin:Users:0:PasswordHash", AdminPasswordHash);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
