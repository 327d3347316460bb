using Bot.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Browser;

/// <summary>
/// The dashboard and the sandbox in the system's Chromium, against the real host on 127.0.0.1. The tests share one
/// host; each stands alone, but they run in this order so that the last one visits pages with data on them.
/// </summary>
[NonParallelizable]
public sealed partial class DashboardBrowserTests : BrowserFixture
{
    [Test]
    [Order(1)]
    public async Task A_wrong_password_is_refused_and_the_right_one_opens_the_overview()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/admin");
        Assert.That(page.Url, Does.Contain("/admin/login"), "an anonymous visit is sent to the login");
        await Chromium.ScreenshotAsync(page, "login");

        await page.FillAsync("input[name=userName]", LiveBot.AdminUser);
        await page.FillAsync("input[name=password]", "not the password");
        await page.ClickAsync("main.login button[type=submit]");
        await Expect(page.Locator(".flash.error")).ToHaveTextAsync("用户名或密码错误。还可尝试 4 次。");
        await Chromium.ScreenshotAsync(page, "login-refused");

        await page.FillAsync("input[name=password]", LiveBot.AdminPassword);
        await page.ClickAsync("main.login button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("概览");
        await Chromium.ScreenshotAsync(page, "overview");
    }

    [Test]
    [Order(2)]
    public async Task A_member_added_on_the_groups_page_joins_the_roster()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync("/admin/groups");
        var create = page.Locator("form[action='/admin/groups']");
        await create.Locator("input[name=chatId]").FillAsync("wrkBrowserGroup");
        await create.Locator("input[name=name]").FillAsync("浏览器测试群");
        await create.Locator("select[name=owner]").SelectOptionAsync("wang");
        await create.Locator("button").ClickAsync();
        await page.WaitForURLAsync("**/admin/groups/wrkBrowserGroup?done=group-saved");

        var add = page.Locator("form[action='/admin/groups/wrkBrowserGroup/members']");
        await add.Locator("input[name=userId]").FillAsync("t9");
        await add.Locator("input[name=name]").FillAsync("孙老师");
        await add.Locator("input[name=department]").FillAsync("语文组");
        await add.Locator("select[name=supervisor]").SelectOptionAsync("li");
        await add.Locator("button").ClickAsync();

        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync("成员已加入群名单。");
        await Expect(page.Locator("table tr", new() { HasText = "孙老师" })).ToContainTextAsync("李组长");
        await Chromium.ScreenshotAsync(page, "group-member-added");
        var members = await Db.QueryAsync<string>(Bot.ConnectionString, "SELECT user_id FROM group_members WHERE chat_id = 'wrkBrowserGroup'");
        Assert.That(members, Is.EqualTo(new[] { "t9" }));
    }

    [Test]
    [Order(4)]
    public async Task A_word_added_on_the_words_page_flags_the_next_sandbox_message()
    {
        const string word = "蓝鲸跳跳糖";
        const string message = "周末带孩子去买蓝鲸跳跳糖吧";
        var admin = await SignedInPageAsync();
        await admin.GotoAsync($"/admin/policy?chat={LiveBot.SandboxChat}");
        await TryAsync(admin, "t6", message);
        await Expect(admin.Locator("#try-result tr", new() { HasText = "违禁内容" })).ToContainTextAsync("通过");

        await admin.GotoAsync("/admin/words?category=advertising");

        var add = admin.Locator("form[action='/admin/words']");
        await add.Locator("select[name=category]").SelectOptionAsync("advertising");
        await add.Locator("input[name=pattern]").FillAsync(word);
        await add.Locator("button").ClickAsync();
        await Expect(admin.Locator(".flash.ok")).ToContainTextAsync("词条已添加");
        await Expect(admin.Locator("code", new() { HasText = word })).ToBeVisibleAsync();
        await admin.GotoAsync($"/admin/policy?chat={LiveBot.SandboxChat}");
        await TryAsync(admin, "t6", message);
        await Expect(admin.Locator("#try-result tr", new() { HasText = "违禁内容" })).ToContainTextAsync("命中");
        await Expect(admin.Locator("#try-result")).ToContainTextAsync("广告推销");
        await Chromium.ScreenshotAsync(admin, "policy-try");

        var sandbox = await NewPageAsync();
        await sandbox.GotoAsync("/sandbox");
        await SayAsync(sandbox, "t6", message);
        var warning = sandbox.Locator(".msg.bot", new() { HasText = "广告推销" });
        await Expect(warning).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(warning.Locator("mark")).ToHaveTextAsync("@吴老师");
        await Chromium.ScreenshotAsync(sandbox, "sandbox-warning");
    }

    private static async Task TryAsync(IPage page, string senderId, string text)
    {
        var form = page.Locator("form[action='/admin/policy/try']");
        await form.Locator("select[name=senderId]").SelectOptionAsync(senderId);
        await form.Locator("input[name=text]").FillAsync(text);
        await form.Locator("button").ClickAsync();
        await Expect(page.Locator("#try-result")).ToBeVisibleAsync();
    }
}
