using System.Net;
using System.Text.RegularExpressions;
using Bot.Tests.Support;
using static Bot.Tests.Security.SecurityBot;

namespace Bot.Tests.Security;

/// <summary>
/// Every dashboard and sandbox response, the first and every later one, tells the browser: run only this site's own
/// scripts and styles, never inside a frame, send no referrer, do not guess content types.
/// </summary>
public sealed partial class SecurityHeadersTests
{
    private static readonly string[] AnonymousPaths =
        ["/admin/login", "/admin/login?returnUrl=%2Fadmin%2Fpeople", "/sandbox", "/sandbox/feed", "/sandbox/sandbox.js", "/admin/assets/dashboard.css"];

    private static readonly string[] SignedInPaths =
        ["/admin", "/admin/people", "/admin/people", "/admin/groups", $"/admin/groups/{LiveBot.SandboxChat}", "/admin/policy", "/admin/violations", "/admin/audit", "/admin/outbox", NoticePage];

    // Replaced by the notice the set-up posts, so that the overview and the notice page show progress bars.
    private const string NoticePage = "/admin/notices/{notice}";

    private AdminClient _admin = null!;
    private long _notice;

    [OneTimeSetUp]
    public async Task Start()
    {
        _admin = await AdminClient.SignedInAsync(Live.BaseAddress);
        using var sent = await _admin.PostFormAsync("/sandbox", "/sandbox/send", new()
        {
            ["chatId"] = LiveBot.SandboxChat, ["userId"] = "wang", ["text"] = "明天上午9点开会。收到请回复：我已知晓，马上照办（坚决执行）！",
        });
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _notice = await Db.ScalarAsync<long>(Live.ConnectionString, "SELECT max(id) FROM notices");
    }

    private string Resolve(string path) => path.Replace("{notice}", _notice.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [OneTimeTearDown]
    public void Stop() => _admin.Dispose();

    [TestCaseSource(nameof(AnonymousPaths))]
    public async Task An_anonymous_response_carries_the_security_headers(string path)
    {
        using var anonymous = new AdminClient(Live.BaseAddress);
        using var response = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(response);
    }

    [TestCaseSource(nameof(SignedInPaths))]
    public async Task A_signed_in_page_carries_the_security_headers_on_every_visit(string path)
    {
        using var response = await _admin.Http.GetAsync(new Uri(Resolve(path), UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(response);
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.False, "HSTS only over HTTPS");
    }

    [Test]
    public async Task A_redirect_and_a_refused_form_carry_them_too()
    {
        using var anonymous = new AdminClient(Live.BaseAddress);
        using var redirect = await anonymous.Http.GetAsync(new Uri("/admin/people", UriKind.Relative));
        using var refused = await _admin.PostWithoutTokenAsync("/admin/people", new() { ["userId"] = "x", ["name"] = "x" });
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertSecurityHeaders(redirect);
        AssertSecurityHeaders(refused);
    }

    [TestCaseSource(nameof(SignedInPaths))]
    public async Task No_page_has_inline_script_style_or_event_handlers_the_policy_would_block(string path)
    {
        var html = await _admin.GetStringAsync(Resolve(path));
        Assert.That(InlineScript().Matches(html).Select(m => m.Value), Is.Empty);
        Assert.That(StyleAttribute().Matches(html).Select(m => m.Value), Is.Empty);
        Assert.That(EventHandler().Matches(html).Select(m => m.Value), Is.Empty);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.Contain("script-src 'self'"));
            Assert.That(csp, Does.Contain("style-src 'self'"));
            Assert.That(csp, Does.Contain("frame-ancestors 'none'"));
            Assert.That(csp, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
            Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("no-referrer"));
        });
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
