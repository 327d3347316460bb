using System.Net;
using Bot.Host.Dashboard;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Security;

/// <summary>
/// A dashboard session is a row in PostgreSQL, checked on every request: logging out, the end of its lifetime, the
/// removal of its user from <c>Admin:Users</c> or a new password hash end it, whatever cookie the browser still holds.
/// (That a session is shared by replicas, and a logout on one ends it on the other, is in <c>TwoReplicaTests</c>.)
/// </summary>
public sealed class SessionTests
{
    private const string Password = "each one's own password";
    private static readonly string Hash = PasswordHash.Create(Password, iterations: 1_000);

    // Settings the tests change while the host runs, as an operator edits appsettings.json (reloaded on change).
    private readonly TestSettings _settings = new()
    {
        ["Admin:SessionLifetime"] = "01:00:00",
        ["Admin:Users:1:UserName"] = "bob", ["Admin:Users:1:PasswordHash"] = Hash,
        ["Admin:Users:2:UserName"] = "carol", ["Admin:Users:2:PasswordHash"] = Hash,
        ["Admin:Users:3:UserName"] = "dave", ["Admin:Users:3:PasswordHash"] = Hash,
    };

    private FakeTimeProvider _time = null!;
    private string _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = "http://127.0.0.1:9/",
            ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
            ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
        });
        _time = bot.Time;
        _database = bot.ConnectionString;
        _factory = bot.WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) => configuration.Add(_settings)));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _factory.DisposeAsync();

    [Test]
    public async Task A_session_cookie_saved_before_logout_no_longer_opens_a_page()
    {
        using var admin = await SignInAsync(LiveBot.AdminUser, LiveBot.AdminPassword);
        var saved = admin.SessionCookie!;
        var sessions = await Db.ScalarAsync<long>(_database, "SELECT count(*) FROM admin_sessions");
        using var loggedOut = await admin.PostFormAsync("/admin", "/admin/logout", []);
        Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.ScalarAsync<long>(_database, "SELECT count(*) FROM admin_sessions"), Is.EqualTo(sessions - 1), "the session's row is gone");

        using var replay = new AdminClient(_factory.Server);
        replay.UseSessionCookie(saved);
        using var page = await replay.Http.GetAsync(new Uri("/admin/people", UriKind.Relative));

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(page.Headers.Location!.ToString(), Does.Contain("/admin/login"));
    }

    [Test]
    public async Task Removing_a_user_from_Admin_Users_ends_their_session_at_the_next_request()
    {
        using var bob = await SignInAsync("bob", Password);
        using var admin = await SignInAsync(LiveBot.AdminUser, LiveBot.AdminPassword);
        Assert.That(await bob.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.OK));

        _settings.Remove("Admin:Users:1");

        Assert.That(await bob.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "bob is no longer an administrator");
        Assert.That(await admin.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.OK), "the remaining administrator is not affected");
    }

    [Test]
    public async Task A_new_password_hash_ends_the_sessions_opened_with_the_old_one()
    {
        using var stolen = await SignInAsync("carol", Password);

        _settings.Set("Admin:Users:2:PasswordHash", PasswordHash.Create("a new password", iterations: 1_000));

        Assert.That(await stolen.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.Redirect));
        using var fresh = await SignInAsync("carol", "a new password");
        Assert.That(await fresh.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_session_ends_at_its_lifetime_even_when_used_all_along()
    {
        using var dave = await SignInAsync("dave", Password);

        foreach (var minutes in new[] { 20, 20, 19 })
        {
            _time.Advance(TimeSpan.FromMinutes(minutes));
            Assert.That(await dave.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.OK), "within the hour, in use");
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await dave.StatusAsync("/admin/people"), Is.EqualTo(HttpStatusCode.Redirect), "61 minutes after the login");
    }

    [Test]
    public async Task A_login_clears_away_the_sessions_that_have_expired()
    {
        using var early = await SignInAsync(LiveBot.AdminUser, LiveBot.AdminPassword);
        _time.Advance(TimeSpan.FromHours(2));
        using var later = await SignInAsync(LiveBot.AdminUser, LiveBot.AdminPassword);

        Assert.That(await Db.ScalarAsync<long>(_database, "SELECT count(*) FROM admin_sessions WHERE expires_at <= @now", new { now = _time.GetUtcNow() }), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(_database, "SELECT count(*) FROM admin_sessions"), Is.EqualTo(1), "only the later login's");
    }

    private Task<AdminClient> SignInAsync(string user, string password) => AdminClient.SignInAsync(new AdminClient(_factory.Server), user, password);

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
