using Bot.Tests.Support;
using Dapper;
using Npgsql;

namespace Bot.Tests.Archive;

/// <summary>
/// A group's archive messages are judged in the archive's order even when one of them cannot be recorded on the first
/// try: the ones after it wait and are read again with it. Judged without it, replies would be judged before the notice
/// they answer, and the members who replied would be named in the reminder.
/// </summary>
[NonParallelizable]
public class ArchiveOrderTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","explanationWindow":"02:00:00"}""";
    private static readonly string[] Members = ["wang", "t1", "t2", "t3"];

    [Test]
    public async Task A_notice_that_fails_once_is_judged_before_the_replies_read_with_it_and_nobody_who_replied_is_named()
    {
        // One message per transaction, so that the notice fails alone and the replies come in transactions of their own.
        await using var bot = await ArchiveBot.StartAsync(Morning, settings: new Dictionary<string, string?> { ["Inbound:MaxBatchSize"] = "1" });
        await bot.Bot.SeedPersonAsync("wang", "王主任", "教务处");
        foreach (var (id, name) in new[] { ("t1", "张老师"), ("t2", "陈老师"), ("t3", "刘老师") })
            await bot.Bot.SeedPersonAsync(id, name, "语文组", supervisor: "wang");
        var (chat, room) = ("wrkOrder", "wrRoomOrder");
        await bot.Bot.SeedGroupAsync(chat, "Order", "key-Order", "wang", Members, ["wang"], Policy);
        Assert.That(await bot.MapAsync(chat, room, "archive"), Is.EqualTo(200));
        // The notice's first insert meets a serialization failure (transient: the database asks for a retry).
        await using (var connection = new NpgsqlConnection(bot.ConnectionString))
            await connection.ExecuteAsync("""
                CREATE SEQUENCE notice_failures;
                CREATE FUNCTION fail_notice_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.sender_id = 'wang' AND nextval('notice_failures') = 1 THEN
                        RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER fail_notice_once BEFORE INSERT ON inbound_messages FOR EACH ROW EXECUTE FUNCTION fail_notice_once();
                """);

        bot.Archive.Text(room, "wang", Members, bot.Now, "周四交教案。收到请回复：我已知晓，马上照办！");
        bot.Archive.Text(room, "t1", Members, bot.Now.AddSeconds(10), "我已知晓，马上照办");
        bot.Archive.Text(room, "t2", Members, bot.Now.AddSeconds(20), "我已知晓，马上照办");
        var first = await bot.PollAsync();
        var afterFirst = await Db.ScalarAsync<long>(bot.ConnectionString, "SELECT count(*) FROM inbound_messages WHERE chat_id = @chat", new { chat });
        await bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        await bot.AdvanceAsync(TimeSpan.FromMinutes(32));

        var reminders = bot.Bot.GroupPosts.Where(p => p.WebhookKey == "key-Order" && p.MentionedList.Count > 0).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first[0].Problem is null && !first[0].CaughtUp, Is.True, "the first read did not record everything");
            Assert.That(afterFirst, Is.Zero, "the replies waited for the notice");
            Assert.That(reminders, Has.Count.EqualTo(1));
            Assert.That(reminders.Single().MentionedList, Is.EqualTo(new[] { "t3" }), "only the member who did not reply");
        });
    }
}
