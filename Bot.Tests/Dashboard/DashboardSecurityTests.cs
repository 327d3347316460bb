using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Dashboard;

/// <summary>Who may see and change what, over plain HTTP: login, the cookie, and antiforgery on every form.</summary>
[NonParallelizable]
public sealed class DashboardSecurityTests
{
    private static readonly string[] Pages =
        ["/admin", "/admin/violations", "/admin/groups", "/admin/groups/wrkSandboxSchool", "/admin/people", "/admin/policy", "/admin/audit", "/admin/outbox", "/admin/notices/1"];

    private static readonly string[] Forms =
    [
        "/admin/logout", "/admin/groups", "/admin/groups/wrkSandboxSchool/settings", "/admin/groups/wrkSandboxSchool/members",
        "/admin/groups/wrkSandboxSchool/members/remove", "/admin/people", "/admin/people/import", "/admin/policy/wrkSandboxSchool",
        "/admin/policy/try", "/admin/words", "/admin/words/1/delete", "/admin/outbox/1/resend", "/admin/notices/1/remind",
    ];

    private LiveBot _bot = null!;

    [OneTimeSetUp]
    public void Start() => _bot = LiveBot.Start();

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [TestCaseSource(nameof(Pages))]
    public async Task An_anonymous_request_to_an_admin_page_is_sent_to_the_login(string path)
    {
        using var anonymous = new AdminClient(_bot.BaseAddress);
        using var response = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Does.Contain("/admin/login?ReturnUrl="));
    }

    [TestCaseSource(nameof(Forms))]
    public async Task An_anonymous_form_post_is_refused_and_changes_nothing(string path)
    {
        var audited = await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM audit_log");
        using var anonymous = new AdminClient(_bot.BaseAddress);
        using var response = await anonymous.PostWithoutTokenAsync(path, new() { ["userId"] = "x", ["name"] = "x", ["pattern"] = "x", ["category"] = "advertising" });
        Assert.That((int)response.StatusCode, Is.EqualTo(302).Or.EqualTo(400));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM audit_log"), Is.EqualTo(audited));
    }

    [Test]
    public async Task A_signed_in_form_post_without_the_antiforgery_token_is_refused_with_400()
    {
        using var admin = await AdminClient.SignedInAsync(_bot.BaseAddress);
        using var people = await admin.PostWithoutTokenAsync("/admin/people", new() { ["userId"] = "forged", ["name"] = "伪造" });
        using var words = await admin.PostWithoutTokenAsync("/admin/words", new() { ["category"] = "advertising", ["pattern"] = "伪造" });
        using var sandbox = await admin.PostWithoutTokenAsync("/sandbox/send", new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = "t1", ["text"] = "伪造" });
        using var login = await new AdminClient(_bot.BaseAddress).PostWithoutTokenAsync("/admin/login", new() { ["userName"] = "admin", ["password"] = LiveBot.AdminPassword });

        Assert.That(new[] { people.StatusCode, words.StatusCode, sandbox.StatusCode, login.StatusCode }, Is.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM people WHERE user_id = 'forged'"), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM inbound_messages WHERE text = '伪造'"), Is.Zero);
    }

    [Test]
    public async Task A_wrong_password_is_refused_with_401_and_sets_no_session()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        using var refused = await client.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = "admin", ["password"] = "wrong" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var overview = await client.Http.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.That(overview.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_return_url_off_the_dashboard_is_not_followed()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        using var response = await client.PostFormAsync("/admin/login", "/admin/login",
            new() { ["userName"] = "admin", ["password"] = LiveBot.AdminPassword, ["returnUrl"] = "//evil.example/admin" });
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/admin"));
    }

    [Test]
    public async Task Logging_out_ends_the_session()
    {
        using var admin = await AdminClient.SignedInAsync(_bot.BaseAddress);
        using var loggedOut = await admin.PostFormAsync("/admin", "/admin/logout", []);
        using var after = await admin.Http.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }
}
