using Bot.Host.FakeWeCom;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Browser;

/// <summary>The newcomer's walk through the sandbox, checked in the chat, in the private messages and on the dashboard.</summary>
public sealed partial class DashboardBrowserTests
{
    [Test]
    [Order(3)]
    public async Task In_the_sandbox_a_notice_and_two_replies_bring_a_reminder_then_an_escalation_and_the_dashboard_shows_the_progress()
    {
        var sandbox = await NewPageAsync();
        await sandbox.GotoAsync("/sandbox");
        await SayAsync(sandbox, "wang", "明天上午9点全体教师到会议室开会。收到请回复：我已知晓，马上照办（坚决执行）！");
        await SayAsync(sandbox, "t1", "我已知晓，马上照办");
        await SayAsync(sandbox, "t2", "收到，我已知晓，马上照办！");
        await Expect(sandbox.Locator(".msg.bot", new() { HasText = "已开始统计回复" })).ToContainTextAsync("回复时请 @规则助手：我已知晓，马上照办！");

        // 刘老师 replies without the @: the group sees it, WeCom never gives it to the bot, so he is still reminded.
        var mention = sandbox.Locator("#mention");
        await Expect(mention).ToBeCheckedAsync();
        await mention.UncheckAsync();
        await sandbox.SelectOptionAsync("#member", "t3");
        await sandbox.FillAsync("#text", "我已知晓，马上照办！");
        await sandbox.ClickAsync("#send");
        await Expect(sandbox.Locator("#status")).ToContainTextAsync("没有@机器人");
        var unseen = sandbox.Locator(".msg.unseen", new() { HasText = "我已知晓，马上照办！" });
        await Expect(unseen).ToContainTextAsync("机器人收不到（未@）");
        await mention.CheckAsync();
        Assert.That(await Db.ScalarAsync<long>(Bot.ConnectionString, "SELECT count(*) FROM inbound_messages WHERE sender_id = 't3'"), Is.Zero,
            "nothing reached the callback");
        await Chromium.ScreenshotAsync(sandbox, "sandbox-unseen");

        var reminder = sandbox.Locator(".msg.bot", new() { HasText = "未回复提醒" });
        await Expect(reminder).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var highlighted = await reminder.Locator("mark").AllTextContentsAsync();
        Assert.That(highlighted, Is.EqualTo(new[] { "@刘老师", "@黄老师", "@周老师", "@吴老师" }), "the four the bot did not see reply, highlighted");
        await Expect(reminder).ToContainTextAsync("回复时请 @规则助手");
        var sent = Bot.Services.GetRequiredService<FakeWeComState>().Delivered.Single(r => r.Content?.Contains("未回复提醒", StringComparison.Ordinal) == true);
        Assert.That(sent.MentionedList, Is.EqualTo(new[] { "t3", "t4", "t5", "t6" }));
        Assert.That(sent.WebhookKey, Is.EqualTo(LiveBot.SandboxWebhookKey));
        await Chromium.ScreenshotAsync(sandbox, "sandbox-reminder");
        await SayAsync(sandbox, "t4", "情况说明：今天上午在外校培训，未能及时回复，今后一定注意。");

        var admin = await SignedInPageAsync();
        await admin.ClickAsync("a:has-text('明天上午9点全体教师到会议室开会')");
        await Expect(admin.Locator(".bigprogress")).ToContainTextAsync("2/6");
        await Expect(admin.Locator("h2", new() { HasText = "尚未回复" })).ToHaveTextAsync("尚未回复（3）");
        await Expect(admin.Locator("h2", new() { HasText = "已作情况说明" })).ToHaveTextAsync("已作情况说明（1）");
        await Chromium.ScreenshotAsync(admin, "notice");

        await admin.ClickAsync("button:has-text('立即提醒')");
        await Expect(admin.Locator(".flash.ok")).ToContainTextAsync("已加入发送队列");
        await Expect(sandbox.Locator(".msg.bot", new() { HasText = "【提醒】" }).Locator("mark")).ToHaveTextAsync(["@刘老师", "@周老师", "@吴老师"]);

        // The explanation window passes: each silent member is reported privately to their own supervisor.
        var zhao = sandbox.Locator(".inbox", new() { HasText = "发给 赵组长" });
        await Expect(zhao).ToContainTextAsync("1. 周老师（数学组）", new() { Timeout = 15_000 });
        await Expect(zhao).ToContainTextAsync("2. 吴老师（数学组）");
        await Expect(zhao).Not.ToContainTextAsync("黄老师");
        await Expect(sandbox.Locator(".inbox", new() { HasText = "发给 李组长" })).ToContainTextAsync("1. 刘老师（语文组）");
        await Chromium.ScreenshotAsync(sandbox, "sandbox-escalation");
    }
}
