using System.Net;
using Bot.Host.Dashboard;
using Bot.Tests.Support;
using static Bot.Tests.Security.SecurityBot;

namespace Bot.Tests.Security;

/// <summary>
/// After a login the browser goes back where it came from, but only to a page of this dashboard: anything else goes to
/// <c>/admin</c>, and no return address, however malformed, makes the login fail.
/// </summary>
public sealed class ReturnUrlTests
{
    private static readonly object[] Returns =
    [
        new object[] { "/admin/people", "/admin/people" },
        new object[] { "/admin/groups/wrkSandboxSchool?done=group-saved#members", "/admin/groups/wrkSandboxSchool?done=group-saved#members" },
        new object[] { "/admin", "/admin" },
        new object[] { "/admin/policy?chat=%E7%8E%8B", "/admin/policy?chat=%E7%8E%8B" },
        new object[] { "/admin\r\nSet-Cookie: evil=1", "/admin" },
        new object[] { "/admin/people\n", "/admin" },
        new object[] { "/admin/é中", "/admin" },
        new object[] { "/admin/\u202Egnp.exe", "/admin" },
        new object[] { "//evil.example/admin", "/admin" },
        new object[] { "/\\evil.example/admin", "/admin" },
        new object[] { "/admin//evil.example", "/admin" },
        new object[] { "/admin\\..\\evil", "/admin" },
        new object[] { "https://evil.example/admin", "/admin" },
        new object[] { "javascript:alert(1)", "/admin" },
        new object[] { "/admin.evil.example", "/admin" },
        new object[] { "/adminx", "/admin" },
        new object[] { "/sandbox", "/admin" },
        new object[] { "/admin/../sandbox", "/admin" },
        new object[] { "/admin/%2e%2E/sandbox", "/admin" },
        new object[] { "", "/admin" },
        new object[] { " /admin/people", "/admin" },
    ];

    [TestCaseSource(nameof(Returns))]
    public async Task A_login_returns_only_to_a_page_of_the_dashboard(string returnUrl, string expected)
    {
        using var client = new AdminClient(Live.BaseAddress);
        using var login = await client.PostFormAsync("/admin/login", "/admin/login",
            new() { ["userName"] = LiveBot.AdminUser, ["password"] = LiveBot.AdminPassword, ["returnUrl"] = returnUrl });

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(login.Headers.Location!.OriginalString, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Returns))]
    public async Task The_login_page_renders_with_any_return_address(string returnUrl, string expected)
    {
        using var client = new AdminClient(Live.BaseAddress);
        using var page = await client.Http.GetAsync(new Uri($"/admin/login?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain($"name=\"returnUrl\" value=\"{System.Net.WebUtility.HtmlEncode(expected)}\""));
    }

    [TestCaseSource(nameof(Returns))]
    public void The_rule_is_one_function(string returnUrl, string expected) =>
        Assert.That(ReturnUrl.Local(returnUrl), Is.EqualTo(expected));
}
