using System.Collections.Concurrent;
using Bot.Tests.Support;
using Microsoft.Playwright;

namespace Bot.Tests.Browser;

/// <summary>One live host and one Chromium for a fixture's tests; helpers to sign in and to speak in the sandbox.</summary>
public abstract class BrowserFixture
{
    protected LiveBot Bot { get; private set; } = null!;
    protected Chromium Chromium { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHostAndBrowser()
    {
        Bot = LiveBot.Start();
        Chromium = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopHostAndBrowser()
    {
        await Chromium.DisposeAsync();
        await Bot.DisposeAsync();
    }

    /// <summary>What Chromium refused under the Content-Security-Policy during the current test (logged as console errors).</summary>
    private readonly ConcurrentQueue<string> _blocked = new();

    /// <summary>Every page must work under the policy: a blocked script or style would break it silently.</summary>
    [TearDown]
    public void NothingWasBlockedByTheContentSecurityPolicy()
    {
        var blocked = _blocked.ToList();
        _blocked.Clear();
        Assert.That(blocked, Is.Empty, "Chromium refused something under the Content-Security-Policy");
    }

    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var page = await Chromium.NewPageAsync(Bot.BaseAddress, width, height);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) _blocked.Enqueue(message.Text);
        };
        return page;
    }

    protected async Task<IPage> SignedInPageAsync(int width = 1280, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/admin/login");
        await page.FillAsync("input[name=userName]", LiveBot.AdminUser);
        await page.FillAsync("input[name=password]", LiveBot.AdminPassword);
        await page.ClickAsync("main.login button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        return page;
    }

    /// <summary>Picks the member in the sandbox's compose box, types and sends; waits for the callback's 200.</summary>
    protected static async Task SayAsync(IPage page, string userId, string text)
    {
        await page.SelectOptionAsync("#member", userId);
        await page.FillAsync("#text", text);
        await page.ClickAsync("#send");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已发送（回调返回 200）");
    }
}
