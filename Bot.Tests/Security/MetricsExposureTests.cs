using System.Net;
using System.Net.Http.Headers;
using Bot.Host.Health;
using static Bot.Tests.Security.SecurityBot;

namespace Bot.Tests.Security;

/// <summary>
/// <c>/metrics</c> as a hostile client sees it: request labels that a client chooses (methods, paths) must not become
/// series, and the page is not open to every address. (That no label names the database is shown on a host process of
/// its own, in <c>TwoReplicaTests</c>.)
/// </summary>
public sealed class MetricsExposureTests
{
    [Test]
    public async Task A_thousand_random_methods_and_paths_add_no_series_and_no_bytes_to_the_exposition()
    {
        using var http = new HttpClient { BaseAddress = Live.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var rng = new Random(1717);
        // One request of each shape first, and a scrape, so that the series the flood and the scrape land on exist.
        await SendRandomAsync(http, rng, 4);
        await ScrapeAsync();
        var before = await ScrapeAsync();
        var sent = await SendRandomAsync(http, rng, 1_000);
        var after = await ScrapeAsync();

        await TestContext.Out.WriteLineAsync($"/metrics: {before.Length:N0} characters and {Series(before).Count:N0} series before, " +
            $"{after.Length:N0} and {Series(after).Count:N0} after 1,000 random requests");
        var added = Series(after).Except(Series(before)).ToList();
        Assert.That(added.Where(s => s.StartsWith("http_", StringComparison.Ordinal)), Is.Empty, "no new HTTP series");
        Assert.That(added.Where(s => sent.Any(token => s.Contains(token, StringComparison.Ordinal))), Is.Empty, "no label carries what a client sent");
        // Only counter values grow (a digit or two each); a label per request would add hundreds of kilobytes.
        Assert.That(after.Length - before.Length, Is.LessThan(2_048));
    }

    [Test]
    public async Task Scrapers_outside_the_allowed_addresses_need_the_metrics_key()
    {
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(MetricsUri);
        using var wrongKey = await GetWithKeyAsync(http, MetricsUri, "not-the-key");
        using var rightKey = await GetWithKeyAsync(http, MetricsUri, MetricsKey);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "127.0.0.1 is not in 10.1.0.0/16: the key is needed");
        Assert.That(wrongKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(rightKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await rightKey.Content.ReadAsStringAsync(), Does.Contain("http_requests_received_total"));
        Assert.That(await anonymous.Content.ReadAsStringAsync(), Does.Not.Contain("http_requests_received_total"));
    }

    [Test]
    public async Task With_a_metrics_port_the_public_port_does_not_serve_metrics_even_with_the_key()
    {
        using var http = new HttpClient();
        using var onPublic = await GetWithKeyAsync(http, new Uri(Live.BaseAddress, "/metrics"), MetricsKey);
        using var onMetricsPort = await GetWithKeyAsync(http, MetricsUri, MetricsKey);

        Assert.That(onPublic.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(onMetricsPort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, null, "127.0.0.1", null, 200)]
    [TestCase(null, null, "::1", null, 200)]
    [TestCase(null, null, "::ffff:127.0.0.1", null, 200)]
    [TestCase(null, null, "10.1.2.3", null, 403)]
    [TestCase(null, "10.1.0.0/16", "10.1.2.3", null, 200)]
    [TestCase(null, "10.1.0.0/16", "127.0.0.1", null, 403)]
    [TestCase("key", "10.1.0.0/16", "192.0.2.1", null, 401)]
    [TestCase("key", "10.1.0.0/16", "192.0.2.1", "Bearer key", 200)]
    [TestCase("key", "10.1.0.0/16", "10.1.2.3", "Bearer wrong", 401)]
    [TestCase(null, null, "192.0.2.1", "Bearer anything", 403)]
    public void Who_may_read_the_metrics(string? key, string? allowed, string remote, string? authorization, int expected)
    {
        var options = new MetricsOptions { ApiKey = key ?? "", AllowedAddresses = allowed is null ? null : [allowed] };
        Assert.That(MetricsAccess.Decide(options, 8080, IPAddress.Parse(remote), authorization), Is.EqualTo(expected));
    }

    [Test]
    public void On_a_metrics_port_only_that_port_serves_them()
    {
        var options = new MetricsOptions { Port = 9090 };
        Assert.That(MetricsAccess.Decide(options, 8080, IPAddress.Loopback, null), Is.EqualTo(404));
        Assert.That(MetricsAccess.Decide(options, 9090, IPAddress.Loopback, null), Is.EqualTo(200));
    }

    private static async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        using var response = await GetWithKeyAsync(http, MetricsUri, MetricsKey);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> GetWithKeyAsync(HttpClient http, Uri uri, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request);
    }

    /// <summary>Requests with random methods (up to 2,000 letters) and random paths; returns a prefix of each random token.</summary>
    private static async Task<List<string>> SendRandomAsync(HttpClient http, Random rng, int count)
    {
        var requests = Enumerable.Range(0, count).Select(i =>
        {
            var token = RandomLetters(rng, rng.Next(8, i % 10 == 0 ? 2_000 : 40));
            return (i % 4) switch
            {
                0 => (Method: "M" + token, Path: "/healthz", Token: "M" + token[..7]),
                1 => (Method: "GET", Path: "/p" + token, Token: "p" + token[..7]),
                2 => (Method: "X" + token, Path: "/q" + token, Token: "X" + token[..7]),
                _ => (Method: "POST", Path: "/wecom/" + token, Token: token[..8]),
            };
        }).ToList();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(requests.Select(async r =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(new HttpMethod(r.Method), new Uri(r.Path, UriKind.Relative));
                using var response = await http.SendAsync(request);
                Assert.That((int)response.StatusCode, Is.InRange(400, 499), $"{r.Method[..Math.Min(12, r.Method.Length)]} {r.Path[..Math.Min(20, r.Path.Length)]}");
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. requests.Select(r => r.Token)];
    }

    private static string RandomLetters(Random rng, int length) =>
        string.Create(length, rng, (span, random) => { for (var i = 0; i < span.Length; i++) span[i] = (char)('A' + random.Next(26)); });

    /// <summary>Every series of an exposition, without its value: <c>name{labels}</c>.</summary>
    private static HashSet<string> Series(string exposition) =>
        exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.LastIndexOf(' ')]).ToHashSet(StringComparer.Ordinal);
}
