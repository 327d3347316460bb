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

    protected Task<IPage> NewPageAsync() => Chromium.NewPageAsync(Bot.BaseAddress);

    protected async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
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
