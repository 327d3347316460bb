using System.Net;
using Bot.Tests.Support;
using static Bot.Tests.Security.SecurityBot;

namespace Bot.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy the host sees the proxy's address and plain HTTP. <c>Admin:KnownProxies</c> says whose
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> to believe: from them, the session cookie is <c>Secure</c>, HSTS is
/// sent and users are told apart by their real address; from anyone else the headers are ignored (shown in
/// <c>LoginThrottleTests</c>, on a host with no known proxy). Here the tests' client is the proxy, at 127.0.0.1.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Test]
    public async Task Behind_a_known_TLS_proxy_the_session_cookie_is_secure_and_HSTS_is_sent()
    {
        using var login = await ForwardedLoginAsync(Live, "203.0.113.20", LiveBot.AdminPassword);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(SessionCookie(login), Does.Contain("secure").IgnoreCase);
        Assert.That(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts.Single() : null, Does.StartWith("max-age="));
    }

    [Test]
    public async Task Behind_a_known_proxy_users_are_told_apart_by_their_forwarded_address()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await ForwardedLoginAsync(Live, "203.0.113.30", $"guess{attempt}");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await ForwardedLoginAsync(Live, "203.0.113.30", LiveBot.AdminPassword);
        using var colleague = await ForwardedLoginAsync(Live, "203.0.113.31", LiveBot.AdminPassword);

        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(colleague.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "another office behind the same proxy");
    }

    /// <summary>
    /// A login as a TLS proxy forwards it: the client's address and <c>https</c> in headers. Cookies are carried by hand,
    /// because a cookie marked Secure is not sent back over the plain HTTP between proxy and host by a cookie container.
    /// </summary>
    public static async Task<HttpResponseMessage> ForwardedLoginAsync(LiveBot bot, string clientAddress, string password)
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

    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminClient.SessionCookieName + "=", StringComparison.Ordinal));
}
