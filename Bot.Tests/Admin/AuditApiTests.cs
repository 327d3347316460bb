using System.Net;

namespace Bot.Tests.Admin;

public class AuditApiTests : AdminTest
{
    [Test]
    public async Task Every_change_is_in_the_audit_log_with_its_actor_action_and_subject_newest_first()
    {
        await JsonAsync(await PutAsync("/api/people/au-1", new { name = "审计甲", department = "教务处" }));
        await JsonAsync(await PostTextAsync("/api/people/import", "au-2,审计乙,教务处,au-1\n"));
        await JsonAsync(await PutAsync("/api/groups/chat-audit", new { name = "审计群", webhookKey = "k-123", members = new[] { "au-1", "au-2" } }));
        var word = await JsonAsync(await PostAsync("/api/words", new { category = "abuse", pattern = "蓝鲸骂人词", kind = "plain" }), HttpStatusCode.Created);
        await JsonAsync(await PostTextAsync("/api/words/import?category=abuse", "蓝鲸骂人词二\n"));
        Assert.That((await Api.DeleteAsync($"/api/words/{word["id"]}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Api.DeleteAsync("/api/people/au-2")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await JsonAsync(await PutAsync("/api/people/au-bad", new { name = "" }), HttpStatusCode.BadRequest);

        var audit = (await GetJsonAsync("/api/audit?limit=7")).AsArray();
        Assert.That(audit.Select(a => (a!["action"]!.GetValue<string>(), a["subject"]!.GetValue<string>())), Is.EqualTo(new[]
        {
            ("person.deleted", "person:au-2"),
            ("word.delete", $"word:{word["id"]}"),
            ("words.import", "words:abuse"),
            ("word.add", $"word:{word["id"]}"),
            ("group.saved", "group:chat-audit"),
            ("people.imported", "people"),
            ("person.saved", "person:au-1"),
        }), "a refused change is not audited");
        Assert.That(audit.Select(a => a!["actor"]!.GetValue<string>()), Is.All.EqualTo("admin-api"));
        Assert.That(audit[6]!["detail"]!["name"]!.GetValue<string>(), Is.EqualTo("审计甲"));
        Assert.That(audit[4]!["detail"]!["webhookKey"]!.GetValue<string>(), Is.EqualTo("set"));
        Assert.That(audit.ToJsonString(), Does.Not.Contain("k-123"));
    }

    [Test]
    public async Task A_limit_outside_1_to_1000_is_400() =>
        await JsonAsync(await Api.GetAsync("/api/audit?limit=0"), HttpStatusCode.BadRequest);
}
