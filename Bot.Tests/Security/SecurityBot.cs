using System.Globalization;
using Bot.Tests.Support;

namespace Bot.Tests.Security;

/// <summary>
/// One live host for the security tests (each host start costs seconds): behind a proxy at 127.0.0.1 (the tests'
/// client plays it), with <c>/metrics</c> on a port of its own, behind a key, for scrapers in 10.1.0.0/16 only.
/// </summary>
[SetUpFixture]
public sealed class SecurityBot
{
    public const string MetricsKey = "scraper-key-for-tests";

    public static LiveBot Live { get; private set; } = null!;

    public static int MetricsPort { get; private set; }

    public static Uri MetricsUri => new($"http://127.0.0.1:{MetricsPort}/metrics");

    [OneTimeSetUp]
    public void Start()
    {
        MetricsPort = PostgresCluster.FreePort();
        Live = LiveBot.Start(new Dictionary<string, string?>
        {
            ["Admin:KnownProxies:0"] = "127.0.0.1",
            ["Metrics:Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
            ["Metrics:ApiKey"] = MetricsKey,
            ["Metrics:AllowedAddresses:0"] = "10.1.0.0/16",
        }, MetricsPort);
    }

    [OneTimeTearDown]
    public async Task Stop() => await Live.DisposeAsync();
}
