using System.Net;
using Bot.Host.Dashboard;
using Bot.Host.Dashboard.Pages;
using Bot.Tests.Security;
using Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Dashboard;

/// <summary>
/// Password guessing against the dashboard is capped per user name and address, atomically; a real administrator is
/// not locked out by someone else's typos, and the throttle's memory stays bounded without forgetting the locked-out.
/// </summary>
public sealed class LoginThrottleTests
{
    // One user per test, so that the tests' lockouts (all from 127.0.0.1) do not meet.
    private static readonly string[] Users = ["erin", "frank", "grace", "heidi", "ivan"];

    private LiveBot _bot = null!;

    [OneTimeSetUp]
    public void Start()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Users.Length; i++)
        {
            settings[$"Admin:Users:{i + 1}:UserName"] = Users[i];
            settings[$"Admin:Users:{i + 1}:PasswordHash"] = LiveBot.AdminPasswordHash;
        }

        _bot = LiveBot.Start(settings);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task After_five_wrong_passwords_the_user_is_refused_from_that_address_even_with_the_right_one()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await LoginAsync(client, "erin", $"guess{attempt}");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await LoginAsync(client, "erin", LiveBot.AdminPassword);

        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await locked.Content.ReadAsStringAsync(), Does.Contain("登录失败次数过多"));
    }

    [Test]
    public async Task Each_refusal_says_how_many_attempts_remain()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        var pages = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await LoginAsync(client, "frank", $"guess{attempt}");
            pages.Add(await wrong.Content.ReadAsStringAsync());
        }

        Assert.That(pages[0], Does.Contain("还可尝试 4 次"));
        Assert.That(pages[3], Does.Contain("还可尝试 1 次"));
        Assert.That(pages[4], Does.Contain("15 分钟内不能再登录"));
    }

    [Test]
    public async Task A_locked_out_user_name_does_not_lock_out_another_administrator_at_the_same_address()
    {
        using var guesser = new AdminClient(_bot.BaseAddress);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var _ = await LoginAsync(guesser, "grace", $"guess{attempt}");
        }

        using var colleague = new AdminClient(_bot.BaseAddress);
        using var login = await LoginAsync(colleague, "heidi", LiveBot.AdminPassword);

        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "same address (127.0.0.1), another user name");
    }

    [Test]
    public async Task A_hundred_concurrent_wrong_logins_let_at_most_five_be_checked()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        // One token for all: the antiforgery token stays valid for the same cookie.
        var page = await client.GetStringAsync("/admin/login");
        var token = AdminClient.TokenOf(page);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = "ivan", ["password"] = $"guess{i}", ["__RequestVerificationToken"] = token,
            });
            using var response = await client.Http.PostAsync(new Uri("/admin/login", UriKind.Relative), content);
            return response.StatusCode;
        }));

        await TestContext.Out.WriteLineAsync($"401: {answers.Count(a => a == HttpStatusCode.Unauthorized)}, 429: {answers.Count(a => a == HttpStatusCode.TooManyRequests)}");
        Assert.That(answers.Count(a => a == HttpStatusCode.Unauthorized), Is.LessThanOrEqualTo(LoginThrottle.MaxFailures));
        Assert.That(answers, Is.All.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Without_known_proxies_forwarded_headers_are_ignored()
    {
        using var login = await ForwardedHeadersTests.ForwardedLoginAsync(_bot, "203.0.113.40", LiveBot.AdminPassword);
        Assert.That(ForwardedHeadersTests.SessionCookie(login), Does.Not.Contain("secure").IgnoreCase, "the request came over plain HTTP");
        Assert.That(login.Headers.Contains("Strict-Transport-Security"), Is.False);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var _ = await ForwardedHeadersTests.ForwardedLoginAsync(_bot, $"203.0.113.{50 + attempt}", $"guess{attempt}");
        }

        using var spoofed = await ForwardedHeadersTests.ForwardedLoginAsync(_bot, "203.0.113.99", LiveBot.AdminPassword);
        Assert.That(spoofed.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "a forged X-Forwarded-For does not escape the lockout");
    }

    [Test]
    public void Concurrent_attempts_are_counted_atomically()
    {
        var throttle = new LoginThrottle(new FakeTimeProvider());
        var allowed = 0;
        Parallel.For(0, 1_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (throttle.TryBegin("admin", "10.0.0.1").Allowed) Interlocked.Increment(ref allowed);
        });
        Assert.That(allowed, Is.EqualTo(LoginThrottle.MaxFailures));
    }

    [Test]
    public void The_lockout_ends_after_its_window_and_a_success_clears_the_count()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < 4; i++) throttle.TryBegin("admin", "10.0.0.1");
        throttle.Succeeded("admin", "10.0.0.1");
        for (var i = 0; i < 4; i++) throttle.TryBegin("admin", "10.0.0.1");
        Assert.That(throttle.TryBegin("admin", "10.0.0.1"), Is.EqualTo(new LoginAttempt(true, 0)), "the success cleared the earlier four: this is the fifth");

        Assert.That(throttle.TryBegin("admin", "10.0.0.1").Allowed, Is.False);
        Assert.That(throttle.TryBegin("admin", "10.0.0.2").Allowed, Is.True, "another address");
        Assert.That(throttle.TryBegin("wang", "10.0.0.1").Allowed, Is.True, "another user name");

        time.Advance(LoginThrottle.Window);
        Assert.That(throttle.TryBegin("admin", "10.0.0.1"), Is.EqualTo(new LoginAttempt(true, LoginThrottle.MaxFailures - 1)));
    }

    [Test]
    public void A_flood_of_new_names_and_addresses_is_bounded_and_does_not_free_a_locked_out_pair()
    {
        var time = new FakeTimeProvider();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++) throttle.TryBegin("admin", "10.0.0.1");

        // Three times the capacity of single failures, each from a new address, as a spraying attacker sends them.
        for (var i = 0; i < 3 * LoginThrottle.Capacity; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            throttle.TryBegin("admin", $"198.18.{i / 65536}.{i % 65536}");
        }

        Assert.That(throttle.Tracked, Is.LessThanOrEqualTo(LoginThrottle.Capacity));
        Assert.That(throttle.TryBegin("admin", "10.0.0.1").Allowed, Is.False, "the locked-out pair is kept while the flood is forgotten");
        Assert.That(throttle.TryBegin("admin", $"198.18.{(3 * LoginThrottle.Capacity - 1) / 65536}.{(3 * LoginThrottle.Capacity - 1) % 65536}"),
            Is.EqualTo(new LoginAttempt(true, LoginThrottle.MaxFailures - 2)), "the most recent failures are kept");
    }

    private static Task<HttpResponseMessage> LoginAsync(AdminClient client, string user, string password) =>
        client.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = user, ["password"] = password });
}
