using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Dashboard;

/// <summary>Password guessing against the dashboard is capped; a real administrator is not locked out by others' typos elsewhere.</summary>
public sealed class LoginThrottleTests
{
    private LiveBot _bot = null!;

    [OneTimeSetUp]
    public void Start() => _bot = LiveBot.Start();

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task After_five_wrong_passwords_the_address_is_refused_even_with_the_right_one()
    {
        using var client = new AdminClient(_bot.BaseAddress);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await client.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = "admin", ["password"] = $"guess{attempt}" });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var locked = await client.PostFormAsync("/admin/login", "/admin/login",
            new() { ["userName"] = LiveBot.AdminUser, ["password"] = LiveBot.AdminPassword });

        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await locked.Content.ReadAsStringAsync(), Does.Contain("登录失败次数过多"));
    }

    [Test]
    public void The_lockout_ends_after_its_window_and_a_success_clears_the_count()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var throttle = new Bot.Host.Dashboard.LoginThrottle(time);
        for (var i = 0; i < 4; i++) throttle.Failed("10.0.0.1");
        throttle.Succeeded("10.0.0.1");
        for (var i = 0; i < 4; i++) throttle.Failed("10.0.0.1");
        Assert.That(throttle.IsLockedOut("10.0.0.1"), Is.False, "the success cleared the earlier four");

        throttle.Failed("10.0.0.1");
        Assert.That(throttle.IsLockedOut("10.0.0.1"), Is.True);
        Assert.That(throttle.IsLockedOut("10.0.0.2"), Is.False, "other addresses are not affected");

        time.Advance(Bot.Host.Dashboard.LoginThrottle.Window);
        Assert.That(throttle.IsLockedOut("10.0.0.1"), Is.False);
    }
}
