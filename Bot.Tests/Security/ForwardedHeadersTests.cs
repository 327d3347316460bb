using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy the host sees the proxy's address and plain HTTP. <c>Admin:KnownProxies</c> says whose
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> to believe: from them, the session cookie is <c>Secure</c>, HSTS is
/// sent and users are told apart by their real address; from anyone else the headers are ignored.
/// </summary>
[NonParallelizable]
public sealed class ForwardedHeadersTests
{
    private LiveBot _behindProxy = null!;
    private LiveBot _direct = null!;

    [OneTimeSetUp]
    public void Start()
    {
        // The tests' client is the proxy: it connects from 127.0.0.1.
        _behindProxy = LiveBot.Start(new Dictionary<string, string?> { ["Admin:KnownProxies:0"] = "127.0.0.1" });
        _direct = LiveBot.Start();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _behindProxy.DisposeAsync();
        await _direct.DisposeAsync();
    }

    [Test]
    public async Task Behind_a_known_TLS_proxy_the_session_cookie_is_secure_and_HSTS_is_sent()
    {
        using var login = await LoginAsync(_behindProxy, "203.0.113.20", LiveBot.AdminPassword);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(SessionCookie(login), Does.Contain("secure").IgnoreCase);
        Assert.That(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts.Single() : null, Does.StartWith("max-age="));
    }

    [Test]
    public async Task Behind_a_known_proxy_users_are_told_apart_by_their_forwarded_address()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await LoginAsync(_behindProxy, "203.0.113.30", $"guess{attempt}");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await LoginAsync(_behindProxy, "203.0.113.30", LiveBot.AdminPassword);
        using var colleague = await LoginAsync(_behindProxy, "203.0.113.31", LiveBot.AdminPassword);

        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(colleague.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "another office behind the same proxy");
    }

    [Test]
    public async Task Forwarded_headers_from_an_unknown_address_are_ignored()
    {
        using var login = await LoginAsync(_direct, "203.0.113.40", LiveBot.AdminPassword);
        Assert.That(SessionCookie(login), Does.Not.Contain("secure").IgnoreCase, "the request came over plain HTTP");
        Assert.That(login.Headers.Contains("Strict-Transport-Security"), Is.False);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await LoginAsync(_direct, $"203.0.113.{50 + attempt}", $"guess{attempt}");
        }

        using var spoofed = await LoginAsync(_direct, "203.0.113.99", LiveBot.AdminPassword);
        Assert.That(spoofed.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "a forged X-Forwarded-For does not escape the lockout");
    }

    /// <summary>
    /// A login as a TLS proxy forwards it: the client's address and <c>https</c> in headers. Cookies are carried by hand,
    /// because a cookie marked Secure is not sent back over the plain HTTP between proxy and host by a cookie container.
    /// </summary>
    private static async Task<HttpResponseMessage> LoginAsync(LiveBot bot, string clientAddress, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = bot.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var page = await http.GetAsync(new Uri("/admin/login", UriKind.Relative));
        var cookies = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = LiveBot.AdminUser, ["password"] = password,
                ["__RequestVerificationToken"] = AdminClient.TokenOf(await page.Content.ReadAsStringAsync()),
            }),
        };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        return await http.SendAsync(request);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminClient.SessionCookieName + "=", StringComparison.Ordinal));
}
