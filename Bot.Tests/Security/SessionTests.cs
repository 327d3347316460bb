using System.Net;
using Bot.Host.Dashboard;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Security;

/// <summary>
/// A dashboard session is a row in PostgreSQL, checked on every request: logging out, the end of its lifetime, the
/// removal of its user from <c>Admin:Users</c> or a new password hash end it, whatever cookie the browser still holds.
/// </summary>
[NonParallelizable]
public sealed class SessionTests
{
    private const string Bob = "bob";
    private const string BobPassword = "bobs own password";
    private static readonly string BobHash = PasswordHash.Create(BobPassword, iterations: 1_000);

    [Test]
    public async Task A_session_cookie_saved_before_logout_no_longer_opens_a_page()
    {
        await using var bot = LiveBot.Start();
        using var admin = await AdminClient.SignedInAsync(bot.BaseAddress);
        var saved = admin.SessionCookie!;
        using var loggedOut = await admin.PostFormAsync("/admin", "/admin/logout", []);
        Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var replay = new AdminClient(bot.BaseAddress);
        replay.UseSessionCookie(saved);
        using var page = await replay.Http.GetAsync(new Uri("/admin/people", UriKind.Relative));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("/admin/login"));
        Assert.That(await Db.ScalarAsync<long>(bot.ConnectionString, "SELECT count(*) FROM admin_sessions"), Is.Zero, "the session's row is gone");
    }

    [Test]
    public async Task A_session_ends_at_its_lifetime_even_when_used_all_along()
    {
        var settings = new TestSettings { ["Admin:SessionLifetime"] = "01:00:00" };
        using var factory = Factory(settings, out var time);
        using var admin = await AdminClient.SignInAsync(new AdminClient(factory.Server));

        foreach (var minutes in new[] { 20, 20, 19 })
        {
            time.Advance(TimeSpan.FromMinutes(minutes));
            Assert.That(await StatusAsync(admin, "/admin/people"), Is.EqualTo(HttpStatusCode.OK), "within the hour, in use");
        }

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await StatusAsync(admin, "/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "61 minutes after the login");
    }

    [Test]
    public async Task Removing_a_user_from_Admin_Users_ends_their_session_at_the_next_request()
    {
        var settings = new TestSettings { ["Admin:Users:1:UserName"] = Bob, ["Admin:Users:1:PasswordHash"] = BobHash };
        using var factory = Factory(settings, out _);
        using var bob = await AdminClient.SignInAsync(new AdminClient(factory.Server), Bob, BobPassword);
        using var admin = await AdminClient.SignInAsync(new AdminClient(factory.Server));
        Assert.That(await StatusAsync(bob, "/admin/people"), Is.EqualTo(HttpStatusCode.OK));

        settings.Remove("Admin:Users:1");

        Assert.That(await StatusAsync(bob, "/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "bob is no longer an administrator");
        Assert.That(await StatusAsync(admin, "/admin/people"), Is.EqualTo(HttpStatusCode.OK), "the remaining administrator is not affected");
    }

    [Test]
    public async Task A_new_password_hash_ends_the_sessions_opened_with_the_old_one()
    {
        var settings = new TestSettings { ["Admin:Users:1:UserName"] = Bob, ["Admin:Users:1:PasswordHash"] = BobHash };
        using var factory = Factory(settings, out _);
        using var stolen = await AdminClient.SignInAsync(new AdminClient(factory.Server), Bob, BobPassword);

        settings.Set("Admin:Users:1:PasswordHash", PasswordHash.Create("a new password", iterations: 1_000));

        Assert.That(await StatusAsync(stolen, "/admin/people"), Is.EqualTo(HttpStatusCode.Redirect));
        using var fresh = await AdminClient.SignInAsync(new AdminClient(factory.Server), Bob, "a new password");
        Assert.That(await StatusAsync(fresh, "/admin/people"), Is.EqualTo(HttpStatusCode.OK));
    }

    private static WebApplicationFactory<Program> Factory(TestSettings settings, out Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
            ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
        });
        time = bot.Time;
        return bot.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(settings)));
    }

    private static async Task<HttpStatusCode> StatusAsync(AdminClient client, string path)
    {
        using var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Settings a test changes while the host runs, as an operator edits <c>appsettings.json</c> (reloaded on change).</summary>
    private sealed class TestSettings : ConfigurationProvider, IConfigurationSource
    {
        public string? this[string key]
        {
            set => Data[key] = value;
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public new void Set(string key, string? value)
        {
            Data[key] = value;
            OnReload();
        }

        public void Remove(string prefix)
        {
            foreach (var key in Data.Keys.Where(k => k.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase)).ToList()) Data.Remove(key);
            OnReload();
        }
    }
}
