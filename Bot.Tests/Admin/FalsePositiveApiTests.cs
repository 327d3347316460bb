using System.Net;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

/// <summary>「误判」 in the admin API: the strike goes, who and why are audited, and the phrase can join the allow-list.</summary>
public class FalsePositiveApiTests : AdminTest
{
    private async Task<long> FlaggedAsync(string chatId, string text)
    {
        await JsonAsync(await PutAsync($"/api/groups/{chatId}", new { name = "教师群", members = new[] { "fp-1" } }));
        using var client = Factory.CreateClient();
        var sender = CallbackSender.Robot(client);
        using var response = await sender.PostAsync(Payloads.RobotText(Guid.NewGuid().ToString("N"), chatId, "fp-1", "许老师", text),
            Factory.Time.GetUtcNow().ToUnixTimeSeconds());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await Db.ScalarAsync<long>(Database, "SELECT id FROM violations WHERE chat_id = @chatId AND strike", new { chatId });
    }

    [Test]
    public async Task Dismissing_removes_the_strike_audits_who_and_why_and_offers_a_phrase_for_the_allow_list()
    {
        await Db.ScalarAsync<int>(Database, "DELETE FROM word_entries WHERE category = 'allow' AND pattern IN ('做爱心', '爱心')");
        var id = await FlaggedAsync("chat-fp1", "明天美术课大家一起做爱心卡片送给妈妈");

        var answer = await JsonAsync(await PostAsync($"/api/violations/{id}/dismiss", new { reason = "做爱心卡片是美术课" }));

        Assert.Multiple(async () =>
        {
            Assert.That(answer["strikeRemoved"]!.GetValue<bool>(), Is.True);
            Assert.That(answer["suggestedAllow"]!.AsArray().Select(p => p!.GetValue<string>()), Does.Contain("起做爱心"));
            Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM violations WHERE chat_id = 'chat-fp1' AND strike"), Is.Zero);
            var audit = (await AuditAsync("violation.dismiss"))[0];
            Assert.That((audit.Actor, audit.Subject), Is.EqualTo(("admin-api", $"violation:{id}")));
            Assert.That(audit.Detail, Does.Contain("做爱心卡片是美术课"));
            Assert.That((await GetJsonAsync("/api/violations?chatId=chat-fp1"))["strikes"]!.AsArray(), Is.Empty);
            Assert.That((await PostAsync($"/api/violations/{id}/dismiss", new { reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        });
    }

    [Test]
    public async Task A_phrase_added_with_the_dismissal_lets_the_same_sentence_pass_next_time()
    {
        const string text = "请同学们在地图上画符号标出山脉";
        await Db.ScalarAsync<int>(Database, "DELETE FROM word_entries WHERE category = 'allow' AND pattern = '画符号'");
        var id = await FlaggedAsync("chat-fp2", text);

        await JsonAsync(await PostAsync($"/api/violations/{id}/dismiss", new { reason = "地理课", allow = "画符号" }));
        var tried = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-fp2", userId = "fp-1", text }));

        Assert.That(tried["verdicts"]!.AsArray().Single(v => v!["rule"]!.GetValue<string>() == "banned-content")!["outcome"]!.GetValue<string>(), Is.EqualTo("pass"));
    }

    [TestCase("", "画符号", "reason", TestName = "A dismissal without a reason is 400 naming reason")]
    [TestCase("地理课", "符咒", "allow", TestName = "An allow phrase that is not in the message is 400 naming allow")]
    [TestCase("地理课", "画符", "allow", TestName = "An allow phrase that is the banned word itself is 400 naming allow")]
    public async Task A_bad_dismissal_is_400_and_changes_nothing(string reason, string allow, string field)
    {
        await Db.ScalarAsync<int>(Database, "DELETE FROM word_entries WHERE category = 'allow' AND pattern = '画符号'");
        var id = await FlaggedAsync("chat-fp3-" + field + allow.Length, "请同学们在地图上画符号标出山脉");

        var problem = await JsonAsync(await PostAsync($"/api/violations/{id}/dismiss", new { reason, allow }), HttpStatusCode.BadRequest);

        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
        Assert.That(await Db.ScalarAsync<bool>(Database, "SELECT strike FROM violations WHERE id = @id", new { id }), Is.True);
    }
}
