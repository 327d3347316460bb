using System.Net;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class GroupsApiTests : AdminTest
{
    private const string SecretKey = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";

    private static object School(string[] members, object? policy = null, string? webhookKey = SecretKey) => new
    {
        name = "高一年级组",
        webhookKey,
        owner = "leader",
        members,
        issuers = new[] { "leader" },
        policy = policy ?? new { replyWindow = "00:00:05", quietHours = new[] { new { start = "22:00", end = "06:30" } }, modes = new Dictionary<string, string> { ["quiet-hours"] = "Observe" } },
    };

    [OneTimeSetUp]
    public async Task AddPeopleAsync()
    {
        await JsonAsync(await PutAsync("/api/people/t1", new { name = "王老师", department = "语文组" }));
        await JsonAsync(await PutAsync("/api/people/t2", new { name = "李老师", department = "数学组" }));
    }

    [Test]
    public async Task A_group_put_is_read_back_with_its_roster_in_order_and_its_overrides_in_the_effective_policy()
    {
        var put = await JsonAsync(await PutAsync("/api/groups/chat-school", School(["t2", "unknown-member", "t1"])));
        var got = await GetJsonAsync("/api/groups/chat-school");

        foreach (var group in new[] { put, got })
        {
            Assert.That(group["name"]!.GetValue<string>(), Is.EqualTo("高一年级组"));
            Assert.That(group["owner"]!.GetValue<string>(), Is.EqualTo("leader"));
            Assert.That(group["webhookKeySet"]!.GetValue<bool>(), Is.True);
            var members = group["members"]!.AsArray();
            Assert.That(members.Select(m => m!["userId"]!.GetValue<string>()), Is.EqualTo(new[] { "t2", "unknown-member", "t1" }));
            Assert.That(members.Select(m => m!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "李老师", "", "王老师" }));
            Assert.That(members.Select(m => m!["source"]!.GetValue<string>()), Is.All.EqualTo("admin"));
            var effective = group["effectivePolicy"]!;
            Assert.That(effective["replyWindow"]!.GetValue<string>(), Is.EqualTo("00:00:05"));
            Assert.That(effective["quietHours"]!.ToJsonString(), Is.EqualTo("""[{"start":"22:00","end":"06:30","days":null}]"""));
            Assert.That(effective["modes"]!["quiet-hours"]!.GetValue<string>(), Is.EqualTo("Observe"));
            Assert.That(effective["rectificationWindow"]!.GetValue<string>(), Is.EqualTo("1.00:00:00"), "not overridden: the configured default");
            Assert.That(group["policy"]!["replyWindow"]!.GetValue<string>(), Is.EqualTo("00:00:05"), "the overrides as given");
        }
    }

    [Test]
    public async Task A_second_put_replaces_the_roster_and_keeps_the_webhook_key_when_none_is_given()
    {
        await JsonAsync(await PutAsync("/api/groups/chat-replace", School(["t1", "t2", "t3"])));
        var again = await JsonAsync(await PutAsync("/api/groups/chat-replace", School(["t3", "t1"], new { }, webhookKey: null)));

        Assert.That(again["members"]!.AsArray().Select(m => m!["userId"]!.GetValue<string>()), Is.EqualTo(new[] { "t3", "t1" }));
        Assert.That(again["webhookKeySet"]!.GetValue<bool>(), Is.True);
        Assert.That(await Db.ScalarAsync<string>(Database, "SELECT webhook_key FROM groups WHERE chat_id = 'chat-replace'"), Is.EqualTo(SecretKey));

        var cleared = await JsonAsync(await PutAsync("/api/groups/chat-replace", School(["t3"], new { }, webhookKey: "")));
        Assert.That(cleared["webhookKeySet"]!.GetValue<bool>(), Is.False);
    }

    [TestCase("replyWindow", "soon", "policy.replyWindow", TestName = "A reply window that is not a duration is 400 naming policy.replyWindow")]
    [TestCase("replyWindow", "-00:00:05", "policy.replyWindow", TestName = "A negative reply window is 400 naming policy.replyWindow")]
    [TestCase("timeZone", "Mars/Olympus", "policy.timeZone", TestName = "An unknown time zone is 400 naming policy.timeZone")]
    [TestCase("replyWindw", "00:00:05", "policy.replyWindw", TestName = "A misspelt setting is 400 naming it")]
    public async Task A_bad_policy_override_is_400_naming_the_key_and_changes_nothing(string key, string value, string field)
    {
        var response = await PutAsync("/api/groups/chat-bad-policy", School(["t1"], new JsonObject { [key] = value }));
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);

        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
        Assert.That((await Api.GetAsync("/api/groups/chat-bad-policy")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("members", TestName = "A member listed twice is 400 naming members[1]")]
    [TestCase("issuers", TestName = "An issuer listed twice is 400 naming issuers[1]")]
    public async Task A_roster_listing_someone_twice_is_400(string field)
    {
        var body = new JsonObject { ["name"] = "x", [field] = new JsonArray("t1", "t1") };
        var problem = await JsonAsync(await PutAsync("/api/groups/chat-twice", body), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]![$"{field}[1]"], Is.Not.Null);
    }

    [Test]
    public async Task A_webhook_key_that_is_a_url_is_400_naming_webhookKey()
    {
        var body = School(["t1"], webhookKey: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc");
        var problem = await JsonAsync(await PutAsync("/api/groups/chat-url", body), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["webhookKey"], Is.Not.Null);
    }

    [Test]
    public async Task The_webhook_key_is_in_no_answer_of_any_get()
    {
        await JsonAsync(await PutAsync("/api/groups/chat-secret", School(["t1", "t2"])));

        foreach (var path in new[] { "/api/groups", "/api/groups/chat-secret", "/api/groups/chat-secret/notices", "/api/groups/chat-secret/notices.csv",
                     "/api/audit?limit=1000", "/api/outbox", "/api/escalations", "/api/violations", "/api/people" })
        {
            var response = await Api.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(SecretKey).And.Not.Contain("693a91f6"), path);
        }

        var audit = await AuditAsync("group.saved");
        Assert.That(audit[0].Detail, Does.Contain("\"webhookKey\": \"set\""));
    }

    [Test]
    public async Task The_group_list_shows_each_group_with_its_member_count()
    {
        await JsonAsync(await PutAsync("/api/groups/chat-listed", School(["t1", "t2"])));
        var listed = (await GetJsonAsync("/api/groups")).AsArray().Single(g => g!["chatId"]!.GetValue<string>() == "chat-listed")!;
        Assert.That(listed["memberCount"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(listed["webhookKeySet"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task An_unknown_group_is_404() =>
        Assert.That((await Api.GetAsync("/api/groups/no-such-chat")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
}
