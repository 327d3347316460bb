using Bot.Storage;
using Bot.Tests.Support;
using Npgsql;

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
    public async Task Escalations_list_each_reported_member_with_their_supervisor_and_missed_rectifications()
    {
        await JsonAsync(await PutAsync("/api/people/e-boss", new { name = "部门主任", department = "教务处" }));
        await JsonAsync(await PutAsync("/api/people/e-1", new { name = "沉默甲", department = "教务处", supervisor = "e-boss" }));
        await JsonAsync(await PutAsync("/api/groups/chat-e", new { name = "e", owner = "e-owner", members = new[] { "e-1", "e-2" } }));
        var posted = Factory.Time.GetUtcNow().AddDays(-2);
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var notice = await NoticeStore.InsertAsync(connection, transaction, "chat-e", null, "e-owner", "收到请回复", "我已知晓，马上照办", posted, posted.AddHours(2), ["e-1", "e-2"], default);
        await NoticeStore.MarkRemindedAsync(connection, transaction, notice, posted.AddHours(2), posted.AddDays(1), default);
        await NoticeStore.MarkEscalatedAsync(connection, transaction, notice, ["e-1", "e-2"], posted.AddDays(1), default);
        var rectification = await RectificationStore.InsertAsync(connection, transaction, "chat-e", null, "e-owner", "e-1", "检查通报", posted, posted.AddHours(2), default);
        await RectificationStore.MarkEscalatedAsync(connection, transaction, rectification, "reply", default);
        await transaction.CommitAsync();

        var answer = await GetJsonAsync("/api/escalations?chatId=chat-e");

        var notices = answer["notices"]!.AsArray();
        Assert.That(notices.Select(n => (n!["userId"]!.GetValue<string>(), n["supervisor"]?.GetValue<string>(), n["supervisorName"]?.GetValue<string>(), n["owner"]!.GetValue<string>())),
            Is.EqualTo(new[] { ("e-1", (string?)"e-boss", (string?)"部门主任", "e-owner"), ("e-2", null, null, "e-owner") }), "without a supervisor, the owner was told");
        Assert.That(notices[0]!["noticeId"]!.GetValue<long>(), Is.EqualTo(notice));
        var missed = answer["rectifications"]!.AsArray().Single()!;
        Assert.That((missed["memberId"]!.GetValue<string>(), missed["name"]!.GetValue<string>(), missed["missed"]!.GetValue<string>()), Is.EqualTo(("e-1", "沉默甲", "reply")));
    }
}
