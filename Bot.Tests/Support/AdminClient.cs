using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;

namespace Bot.Tests.Support;

/// <summary>An HttpClient speaking to the dashboard as a browser would: cookies kept, redirects not followed, tokens read from forms.</summary>
public sealed partial class AdminClient : IDisposable
{
    public const string SessionCookieName = "bot.admin";

    private readonly HttpClient _http;

    public AdminClient(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    /// <summary>A client of an in-process test server (which never follows redirects), keeping cookies like a browser.</summary>
    public AdminClient(TestServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _http = new HttpClient(new CookieContainerHandler(Cookies) { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    public HttpClient Http => _http;

    public CookieContainer Cookies { get; } = new();

    /// <summary>The dashboard's session cookie as the browser holds it, to be replayed later or elsewhere.</summary>
    public string? SessionCookie => Cookies.GetCookies(_http.BaseAddress!)[SessionCookieName]?.Value;

    /// <summary>Puts a saved session cookie into this client, as a stolen or backed-up cookie would be replayed.</summary>
    public void UseSessionCookie(string value) => Cookies.Add(_http.BaseAddress!, new Cookie(SessionCookieName, value));

    public static async Task<AdminClient> SignedInAsync(Uri baseAddress, string user = LiveBot.AdminUser, string password = LiveBot.AdminPassword) =>
        await SignInAsync(new AdminClient(baseAddress), user, password);

    /// <summary>Signs <paramref name="client"/> in through the login form; a successful login redirects.</summary>
    public static async Task<AdminClient> SignInAsync(AdminClient client, string user = LiveBot.AdminUser, string password = LiveBot.AdminPassword)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = user, ["password"] = password });
        Assert.That((int)response.StatusCode, Is.EqualTo(302), "a successful login redirects");
        return client;
    }

    /// <summary>Reads the antiforgery token from the page at <paramref name="pagePath"/>, then posts the form with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = TokenOf(await _http.GetStringAsync(new Uri(pagePath, UriKind.Relative)), pagePath);
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Posts a form without any token, as a cross-site form would.</summary>
    public async Task<HttpResponseMessage> PostWithoutTokenAsync(string action, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public static string TokenOf(string page, string pagePath = "the page") =>
        Token().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new AssertionException($"no antiforgery token on {pagePath}");

    /// <summary>The status of a GET of <paramref name="path"/>: 200 for a page, 302 to the login when the session is over.</summary>
    public async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    public Task<string> GetStringAsync(string path) => _http.GetStringAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
