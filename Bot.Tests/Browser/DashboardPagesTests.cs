using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Browser;

/// <summary>
/// Every dashboard page in Chromium, on a phone (390 × 844) and on a desk (1280 × 800): in Chinese, never wider than the
/// screen, and with script and markup typed into every input shown as text. Screenshots of each page at both sizes
/// are kept as the tests' attachments.
/// </summary>
[NonParallelizable]
public sealed class DashboardPagesTests : BrowserFixture
{
    /// <summary>What a hostile name, message or word would carry: a script, and an attribute break into an element with a handler.</summary>
    private const string Xss = "<script>x=1</script>\"><img src=x onerror=x=1>";

    private const string XssChat = "wrkXssGroup";

    private static readonly (int Width, int Height, string Name)[] Screens = [(390, 844, "phone"), (1280, 800, "desk")];

    /// <summary>
    /// The Latin words a page may show: names of products and formats a school office knows (Webhook, Excel, CSV…), the
    /// time zones' own names, the 「key=」 of a webhook URL, and this host's test data (ids, the administrator's user name, the words of <see cref="Xss"/>).
    /// </summary>
    private static readonly HashSet<string> Latin = new(StringComparer.Ordinal)
    {
        "Webhook", "key", "Excel", "WPS", "CSV", "UTF", "JSON", "Asia", "Shanghai", "Urumqi", "Hong", "Kong", "Macau", "Taipei",
        "admin", "wang", "zhao", "qian", "xss", "script", "img", "src", "onerror",
    };

    [Test]
    [Order(1)]
    public async Task Script_and_markup_typed_into_every_input_come_back_as_text()
    {
        using var admin = await AdminClient.SignedInAsync(Bot.BaseAddress);
        var pages = new List<(string What, string Html)>();
        async Task PostAsync(string what, string page, string action, Dictionary<string, string> fields)
        {
            using var response = await admin.PostFormAsync(page, action, fields);
            var location = response.Headers.Location?.ToString();
            pages.Add((what, location is null ? await response.Content.ReadAsStringAsync() : await admin.GetStringAsync(location)));
        }

        var group = $"/admin/groups/{XssChat}";
        var policy = $"/admin/policy?chat={XssChat}";
        await PostAsync("group name", "/admin/groups", "/admin/groups", new() { ["chatId"] = XssChat, ["name"] = Xss });
        await PostAsync("person", "/admin/people", "/admin/people", new() { ["userId"] = "xss1", ["name"] = Xss, ["department"] = Xss });
        await PostAsync("refused person", "/admin/people", "/admin/people", new() { ["userId"] = "xss 1", ["name"] = Xss, ["department"] = Xss });
        await PostAsync("csv", "/admin/people", "/admin/people/import", new() { ["csv"] = $"xss2,\"{Xss.Replace("\"", "\"\"", StringComparison.Ordinal)}\",语文组,\r\n" });
        await PostAsync("refused csv", "/admin/people", "/admin/people/import", new() { ["csv"] = $"{Xss},{Xss},,\r\n" });
        await PostAsync("member", group, $"{group}/members", new() { ["userId"] = "xss3", ["name"] = Xss, ["department"] = "语文组" });
        await PostAsync("refused member", group, $"{group}/members", new() { ["userId"] = "xss4", ["department"] = Xss });
        await PostAsync("word", "/admin/words", "/admin/words", new() { ["category"] = "advertising", ["pattern"] = "蓝鲸" + Xss, ["kind"] = "plain" });
        await PostAsync("refused word", "/admin/words", "/admin/words", new() { ["category"] = "advertising", ["pattern"] = Xss + "[", ["kind"] = "regex" });
        await PostAsync("word list", "/admin/words?category=rumor", "/admin/words/import?category=rumor", new() { ["list"] = $"re:{Xss}(" });
        await PostAsync("policy", policy, $"/admin/policy/{XssChat}", new() { ["ackPhrase"] = Xss, ["requestMarkers"] = $"收到请回复\n{Xss}" });
        await PostAsync("refused policy", policy, $"/admin/policy/{XssChat}", new() { ["replyWindow.amount"] = Xss, ["replyWindow.unit"] = "m", ["namePattern"] = Xss });
        await PostAsync("policy json", policy, $"/admin/policy/{XssChat}/json", new() { ["overrides"] = JsonSerializer.Serialize(new { ackPhrase = Xss }) + Xss, ["confirmed"] = "yes" });
        await PostAsync("try", policy, "/admin/policy/try", new() { ["chatId"] = XssChat, ["senderId"] = "xss3", ["text"] = Xss });
        foreach (var (userId, text) in new[] { ("wang", $"{Xss}明天开会。收到请回复：我已知晓，马上照办！"), ("t1", Xss), ("t5", $"加我微信代购{Xss}"), ("t6", "加我微信，低价代购") })
            await PostAsync("message", "/sandbox", "/sandbox/send", new() { ["chatId"] = LiveBot.SandboxChat, ["userId"] = userId, ["text"] = text });
        var violation = await Db.ScalarAsync<long>(Bot.ConnectionString, "SELECT max(id) FROM violations WHERE user_id = 't5'");
        await PostAsync("误判 refused", $"/admin/violations/{violation}/dismiss", $"/admin/violations/{violation}/dismiss", new() { ["reason"] = "", ["allow"] = Xss });
        await PostAsync("误判", $"/admin/violations/{violation}/dismiss", $"/admin/violations/{violation}/dismiss", new() { ["reason"] = Xss, ["allow"] = Xss });
        using (var search = await admin.Http.GetAsync(new Uri($"/admin/notices?q={Uri.EscapeDataString(Xss)}&from={Uri.EscapeDataString(Xss)}", UriKind.Relative)))
            pages.Add(("search", await search.Content.ReadAsStringAsync()));
        using (var anonymous = new AdminClient(Bot.BaseAddress))
        {
            using var login = await anonymous.PostFormAsync("/admin/login", "/admin/login", new() { ["userName"] = Xss, ["password"] = "x" });
            pages.Add(("login", await login.Content.ReadAsStringAsync()));
        }

        using var api = new HttpClient { BaseAddress = Bot.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        Assert.That((await api.PutAsJsonAsync("/api/people/xss5", new { name = Xss, department = Xss })).IsSuccessStatusCode);
        Assert.That((await api.PutAsJsonAsync("/api/groups/wrkXssApi", new { name = Xss, members = new[] { "xss5" } })).IsSuccessStatusCode);

        Assert.Multiple(() =>
        {
            foreach (var (what, html) in pages) AssertEncoded(what, html);
        });
        Assert.That(await Db.ScalarAsync<string>(Bot.ConnectionString, "SELECT name FROM people WHERE user_id = 'xss1'"), Is.EqualTo(Xss), "kept as typed");
        Assert.That(await Db.ScalarAsync<string>(Bot.ConnectionString, "SELECT name FROM people WHERE user_id = 'xss2'"), Is.EqualTo(Xss), "imported as written");
    }

    [Test]
    [Order(2)]
    public async Task Every_page_fits_a_phone_and_a_desk_and_shows_what_was_typed_as_text()
    {
        var notice = await Db.ScalarAsync<long>(Bot.ConnectionString, "SELECT max(id) FROM notices");
        var violation = await Db.ScalarAsync<long>(Bot.ConnectionString, "SELECT min(id) FROM violations WHERE dismissed_at IS NULL");
        var paths = new (string Name, string Path)[]
        {
            ("overview", "/admin"), ("notices", "/admin/notices"), ("notice", $"/admin/notices/{notice}"), ("violations", "/admin/violations"),
            ("dismiss", $"/admin/violations/{violation}/dismiss"), ("groups", "/admin/groups"), ("group", $"/admin/groups/{XssChat}"),
            ("sandbox-group", $"/admin/groups/{LiveBot.SandboxChat}"), ("people", "/admin/people"), ("person-edit", "/admin/people?edit=xss1"),
            ("person-delete", "/admin/people/xss1/delete"), ("policy", $"/admin/policy?chat={LiveBot.SandboxChat}"), ("policy-xss", $"/admin/policy?chat={XssChat}"),
            ("words", "/admin/words?category=advertising"), ("audit", "/admin/audit"), ("outbox", "/admin/outbox"), ("sandbox", "/sandbox"),
        };
        foreach (var (width, height, screen) in Screens)
        {
            var page = await SignedInPageAsync(width, height);
            foreach (var (name, path) in paths)
            {
                var response = await page.GotoAsync(path);
                Assert.That(response!.Status, Is.EqualTo(200), path);
                Assert.That(await response.HeaderValueAsync("content-security-policy"), Does.Contain("script-src 'self'"), path);
                await CheckPageAsync(page, path, width);
                await Chromium.ScreenshotAsync(page, $"{screen}-{name}");
            }

            await page.GotoAsync("/admin/people");
            await Expect(page.Locator("main")).ToContainTextAsync("<script>x=1</script>");
            var login = await NewPageAsync(width, height);
            await login.GotoAsync("/admin/login");
            await CheckPageAsync(login, "/admin/login", width);
            await Chromium.ScreenshotAsync(login, $"{screen}-login");
        }
    }

    [Test]
    [Order(3)]
    public async Task On_a_phone_the_menu_opens_and_leads_to_every_page()
    {
        var page = await SignedInPageAsync(390, 844);
        var menu = page.Locator("header.top nav");
        await Expect(menu).ToBeHiddenAsync();
        await page.ClickAsync("label.menu-button");
        await Expect(menu).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "phone-menu");
        await menu.Locator("a", new() { HasText = "通知" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("通知记录");
    }

    [Test]
    [Order(4)]
    public async Task Removing_a_member_takes_a_second_click_that_says_what_follows()
    {
        var page = await SignedInPageAsync(390, 844);
        await page.GotoAsync($"/admin/groups/{XssChat}");
        var row = page.Locator("table.list tr", new() { HasText = "xss3" });
        await row.Locator("summary", new() { HasText = "移出" }).ClickAsync();
        await Expect(row.Locator(".confirm-box")).ToContainTextAsync("今后的通知不再要求其回复");
        await Chromium.ScreenshotAsync(page, "phone-confirm");
        await row.Locator("button", new() { HasText = "确定移出" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync("成员已移出群名单。");
        Assert.That(await Db.ScalarAsync<long>(Bot.ConnectionString, $"SELECT count(*) FROM group_members WHERE chat_id = '{XssChat}' AND user_id = 'xss3'"), Is.Zero);
    }

    /// <summary>In Chinese, no wider than the screen, and nothing typed has become an element or run.</summary>
    private static async Task CheckPageAsync(IPage page, string path, int width)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(width), $"{path} scrolls sideways at {width} px");
        Assert.That(await page.Locator("script:not([src^='/']), img[src='x'], [onerror]").CountAsync(), Is.Zero, $"{path}: something typed became an element");
        Assert.That(await page.EvaluateAsync<bool>("typeof x !== 'undefined'"), Is.False, $"{path}: something typed ran");
        var html = await page.ContentAsync();
        AssertEncoded(path, html);
        var english = Regex.Matches(await page.InnerTextAsync("body"), "[A-Za-z]{3,}").Select(m => m.Value)
            .Where(word => !Latin.Contains(word) && !word.StartsWith("wrk", StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(english, Is.Empty, $"{path} shows English");
        foreach (var secret in LiveBot.Secrets) Assert.That(html, Does.Not.Contain(secret), $"{path} shows a configured secret");
    }

    private static void AssertEncoded(string what, string html) =>
        Assert.That(html, Does.Not.Contain("<script>x=1").And.Not.Contain("<img src=x").And.Not.Contain("<img src=\"x\""), $"{what}: the text came back as markup");
}
