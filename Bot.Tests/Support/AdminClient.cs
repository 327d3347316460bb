using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Tests.Support;

/// <summary>An HttpClient speaking to the dashboard as a browser would: cookies kept, redirects not followed, tokens read from forms.</summary>
public sealed partial class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    public AdminClient(Uri baseAddress)
        : this(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress })
    {
    }

    /// <summary>Over a client that keeps cookies and does not follow redirects (an in-process test server's, say).</summary>
    public AdminClient(HttpClient http) => _http = http;

    public HttpClient Http => _http;

    public static Task<AdminClient> SignedInAsync(Uri baseAddress, string user = LiveBot.AdminUser, string password = LiveBot.AdminPassword) =>
        SignedInAsync(new AdminClient(baseAddress), user, password);

    public static async Task<AdminClient> SignedInAsync(AdminClient client, string user = LiveBot.AdminUser, string password = LiveBot.AdminPassword)
    {
        using var response = await client.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = user, ["password"] = password });
        Assert.That((int)response.StatusCode, Is.EqualTo(302), "a successful login redirects");
        return client;
    }

    /// <summary>Reads the antiforgery token from the page at <paramref name="pagePath"/>, then posts the form with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, Dictionary<string, string> fields)
    {
        var page = await _http.GetStringAsync(new Uri(pagePath, UriKind.Relative));
        fields["__RequestVerificationToken"] = Token().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new AssertionException($"no antiforgery token on {pagePath}");
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Posts a form without any token, as a cross-site form would.</summary>
    public async Task<HttpResponseMessage> PostWithoutTokenAsync(string action, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public Task<string> GetStringAsync(string path) => _http.GetStringAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
