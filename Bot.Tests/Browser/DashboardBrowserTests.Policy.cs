using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Rules.Policy;
using Bot.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Browser;

/// <summary>The policy form on a phone: every setting changed as an office would, saved, read back through the API, and shown as saved.</summary>
public sealed partial class DashboardBrowserTests
{
    [Test]
    [Order(5)]
    public async Task The_policy_form_saves_every_setting_and_shows_each_as_saved()
    {
        const string chat = "wrkPolicyForm";
        using var api = new HttpClient { BaseAddress = Bot.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        Assert.That((await api.PutAsJsonAsync($"/api/groups/{chat}", new { name = "规则表单群", members = new[] { "wang", "li", "zhao" } })).IsSuccessStatusCode);

        var page = await SignedInPageAsync(390, 844);
        await page.GotoAsync($"/admin/policy?chat={chat}");
        var form = page.Locator($"form[action='/admin/policy/{chat}']");
        ILocator Field(string name) => form.Locator($"[name='{name}']");
        foreach (var (key, amount, unit) in new[] { ("replyWindow", "45", "m"), ("explanationWindow", "3", "h"), ("rectificationWindow", "2", "d"),
                     ("floodWindow", "90", "s"), ("privateChatWindow", "20", "m"), ("recallWindow", "5", "m"), ("strikeWindow", "7", "d") })
        {
            await Field($"{key}.amount").FillAsync(amount);
            await Field($"{key}.unit").SelectOptionAsync(unit);
        }

        foreach (var (key, value) in new[] { ("ackPhrase", "已阅，照办"), ("rectificationPhrase", "已整改到位"), ("namePattern", "^.+老师$"), ("botName", "校务助手"),
                     ("requestMarkers", "请回复\n收到请回复"), ("noReplyMarkers", "无需回复"), ("explanationMarkers", "说明"), ("inspectionMarkers", "通报"),
                     ("evidenceMarkers", "整改完成"), ("urgencyMarkers", "急事\n紧急"), ("maxLength", "300"), ("floodRepeats", "4"), ("floodPosts", "10"),
                     ("privateChatTurns", "8"), ("strikeLimit", "5") })
            await Field(key).FillAsync(value);
        await Field("timeZone").SelectOptionAsync("Asia/Urumqi");
        await form.Locator("[name='issuers'][value='Listed']").CheckAsync();
        await form.Locator("[name='issuerList'][value='li']").CheckAsync();
        await form.Locator("[name='exemptMembers'][value='wang']").CheckAsync();
        await form.Locator("[name='quietHoursExempt'][value='zhao']").CheckAsync();
        foreach (var flag in new[] { "announceTracking", "phraseHints", "announceEscalations" }) await Field(flag).UncheckAsync();
        foreach (var remove in await form.Locator("[name$='.remove']").AllAsync()) await remove.CheckAsync();
        var added = int.Parse(await Field("quietHours.count").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Field($"quietHours[{added}].start").FillAsync("12:00");
        await Field($"quietHours[{added}].end").FillAsync("13:30");
        foreach (var day in new[] { "1", "2", "3", "4", "5" }) await form.Locator($"[name='quietHours[{added}].days'][value='{day}']").CheckAsync();
        await form.Locator("[name='modes.flood'][value='Observe']").CheckAsync();
        await form.Locator("[name='modes.length'][value='Off']").CheckAsync();
        await form.Locator("button", new() { HasText = "保存规则" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync("规则已保存。");
        await Chromium.ScreenshotAsync(page, "phone-policy-saved");

        var group = JsonNode.Parse(await api.GetStringAsync($"/api/groups/{chat}"))!;
        var saved = PolicyJson.Merge(new GroupPolicy(), group["effectivePolicy"]!.AsObject(), "");
        Assert.Multiple(() =>
        {
            Assert.That((saved.ReplyWindow, saved.ExplanationWindow, saved.RectificationWindow), Is.EqualTo((TimeSpan.FromMinutes(45), (TimeSpan?)TimeSpan.FromHours(3), TimeSpan.FromDays(2))));
            Assert.That((saved.FloodWindow, saved.PrivateChatWindow, saved.RecallWindow, saved.StrikeWindow),
                Is.EqualTo((TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5), TimeSpan.FromDays(7))));
            Assert.That((saved.AckPhrase, saved.RectificationPhrase, saved.NamePattern, saved.BotName, saved.TimeZone),
                Is.EqualTo(("已阅，照办", "已整改到位", "^.+老师$", "校务助手", "Asia/Urumqi")));
            Assert.That(new[] { saved.RequestMarkers, saved.NoReplyMarkers, saved.ExplanationMarkers, saved.InspectionMarkers, saved.EvidenceMarkers, saved.UrgencyMarkers },
                Is.EqualTo(new[] { new[] { "请回复", "收到请回复" }, ["无需回复"], ["说明"], ["通报"], ["整改完成"], ["急事", "紧急"] }));
            Assert.That((saved.MaxLength, saved.FloodRepeats, saved.FloodPosts, saved.PrivateChatTurns, saved.StrikeLimit), Is.EqualTo((300, 4, 10, 8, 5)));
            Assert.That((saved.Issuers, saved.ExemptMembers.Single(), saved.QuietHoursExempt.Single()), Is.EqualTo((IssuerScope.Listed, "wang", "zhao")));
            Assert.That(group["issuers"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EqualTo(new[] { "li" }));
            Assert.That((saved.AnnounceTracking, saved.PhraseHints, saved.AnnounceEscalations), Is.EqualTo((false, false, false)));
            Assert.That(saved.QuietHours, Has.Count.EqualTo(1));
            Assert.That((saved.QuietHours[0].Start, saved.QuietHours[0].End, saved.QuietHours[0].Days),
                Is.EqualTo((new TimeOnly(12, 0), new TimeOnly(13, 30), new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })));
            Assert.That((saved.Modes["flood"], saved.Modes["length"]), Is.EqualTo((RuleMode.Observe, RuleMode.Off)));
        });

        // The page shows each setting as saved: saving it again untouched changes nothing.
        await page.Locator($"form[action='/admin/policy/{chat}'] button", new() { HasText = "保存规则" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToHaveTextAsync("规则没有变化。");
    }
}
