using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class ViolationsApiTests : AdminTest
{
    [Test]
    public async Task Violations_are_filtered_and_strikes_counted_per_member_within_the_groups_window()
    {
        await JsonAsync(await PutAsync("/api/people/v-1", new { name = "违规甲", department = "" }));
        await JsonAsync(await PutAsync("/api/groups/chat-v", new { name = "v", members = new[] { "v-1" }, policy = new { strikeWindow = "7.00:00:00" } }));
        var now = Factory.Time.GetUtcNow();
        foreach (var (user, strike, daysAgo) in new[] { ("v-1", true, 1), ("v-1", true, 2), ("v-1", true, 10), ("v-1", false, 1), ("v-2", true, 1) })
            await Db.ScalarAsync<int>(Database, """
                INSERT INTO violations (chat_id, user_id, rule, category, evidence, strike, at) VALUES ('chat-v', @user, 'banned-content', 'gambling', 'e', @strike, @at)
                """, new { user, strike, at = now.AddDays(-daysAgo).UtcDateTime });

        var answer = await GetJsonAsync("/api/violations?chatId=chat-v&userId=v-1");
        Assert.That(answer["violations"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(answer["violations"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("违规甲"));
        var strikes = answer["strikes"]!.AsArray().Single()!;
        Assert.That(strikes["userId"]!.GetValue<string>(), Is.EqualTo("v-1"));
        Assert.That(strikes["strikes"]!.GetValue<long>(), Is.EqualTo(2), "the strike 10 days ago is outside the group's 7-day window");
        Assert.That(strikes["strikeLimit"]!.GetValue<int>(), Is.EqualTo(3));

        var since = Uri.EscapeDataString(now.AddDays(-1.5).ToString("O"));
        Assert.That((await GetJsonAsync($"/api/violations?chatId=chat-v&since={since}"))["violations"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Escalations_list_notices_and_rectifications_reported_upward()
    {
        var answer = await GetJsonAsync("/api/escalations");
        Assert.That(answer["notices"]!.AsArray(), Is.Empty);
        Assert.That(answer["rectifications"]!.AsArray(), Is.Empty);
    }
}
