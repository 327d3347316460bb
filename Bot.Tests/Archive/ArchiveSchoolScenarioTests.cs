using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Host.Inbound;
using Bot.Host.Spool;
using Bot.Host.WeCom.Archive;
using Bot.Rules.Messages;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Archive;

/// <summary>
/// The school with the archive on and nobody @-mentioning the bot: teachers reply as in any group, the bot reads every
/// message from the archive (a stand-in SDK serving records encrypted as WeCom encrypts them). One host for the fixture;
/// each test has its own group and archive room.
/// </summary>
[NonParallelizable]
public class ArchiveSchoolScenarioTests
{
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","explanationWindow":"02:00:00"}""";
    private static readonly string[] Members = ["wang", "t1", "t2", "t3", "t4", "t5", "t6"];

    private ArchiveBot _bot = null!;

    [OneTimeSetUp]
    public async Task StartSchool()
    {
        _bot = await ArchiveBot.StartAsync(WednesdayMorning, settings: new Dictionary<string, string?>
        {
            ["Admin:Users:0:UserName"] = LiveBot.AdminUser,
            ["Admin:Users:0:PasswordHash"] = LiveBot.AdminPasswordHash,
        });
        await _bot.Bot.SeedPersonAsync("wang", "王主任", "教务处");
        foreach (var (id, name) in new[] { ("t1", "张老师"), ("t2", "陈老师"), ("t3", "刘老师"), ("t4", "黄老师"), ("t5", "周老师"), ("t6", "吴老师") })
            await _bot.Bot.SeedPersonAsync(id, name, "语文组", supervisor: "wang");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    /// <summary>A group of the school mapped to its own archive room; returns (chat id, room id).</summary>
    private async Task<(string Chat, string Room)> GroupAsync(string name, bool map = true)
    {
        var chat = "wrk" + name;
        var room = "wrRoom" + name;
        await _bot.Bot.SeedGroupAsync(chat, name, "key-" + name, "wang", Members, ["wang"], Policy);
        if (map) Assert.That(await _bot.MapAsync(chat, room, "archive"), Is.EqualTo(200));
        return (chat, room);
    }

    private string Say(string room, string from, string text, TimeSpan after) => _bot.Archive.Text(room, from, Members, _bot.Now + after, text);

    private Task<long> CountAsync(string sql, object? args = null) => Db.ScalarAsync<long>(_bot.ConnectionString, sql, args);

    [Test]
    public async Task Replies_without_the_at_count_and_the_reminder_names_exactly_the_silent()
    {
        var (chat, room) = await GroupAsync("Notice");
        Say(room, "wang", "明天上午9点全体教师到会议室开会。收到请回复：我已知晓，马上照办（坚决执行）！", TimeSpan.Zero);
        Say(room, "t1", "我已知晓，马上照办", TimeSpan.FromSeconds(20));
        Say(room, "t2", "收到，我已知晓,马上照办!", TimeSpan.FromSeconds(40));
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        // t3 replies a minute before the deadline; the deadline passes before the archive is read again: nobody may be
        // named on what has not been read.
        Say(room, "t3", "我已知晓 马上照办（坚决执行）！", TimeSpan.FromMinutes(28));
        Say(room, "t4", "你们说的我已知晓马上照办是什么意思", TimeSpan.FromMinutes(28));
        _bot.Bot.Factory.Time.Advance(TimeSpan.FromMinutes(30));
        await _bot.Bot.RunWorkersAsync();
        var posts = _bot.Bot.GroupPosts.Where(p => p.WebhookKey == "key-Notice").ToList();
        Assert.That(posts.Where(p => p.MentionedList.Count > 0), Is.Empty, "no reminder before the archive is read past the deadline");
        Assert.That(posts.Single().Content, Does.StartWith("【已开始统计回复】").And.Contain("请回复：我已知晓，马上照办").And.Not.Contain("@"),
            "the tracking note does not ask for the @");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(2));
        var reminders = _bot.Bot.GroupPosts.Where(p => p.WebhookKey == "key-Notice" && p.MentionedList.Count > 0).ToList();
        Assert.That(reminders, Has.Count.EqualTo(1));
        Assert.That(reminders[0].MentionedList, Is.EqualTo(new[] { "t4", "t5", "t6" }), "exactly the three who did not reply");
        Assert.That(reminders[0].Content, Does.Contain("我已知晓，马上照办").And.Not.Contain("@规则助手"), "the archive sees replies without the @: none is asked for");
        Assert.That(await CountAsync("SELECT count(*) FROM inbound_messages WHERE chat_id = @chat AND channel = 'Archive' AND status = 'evaluated'", new { chat }),
            Is.EqualTo(5));
    }

    [Test]
    public async Task Moderation_judges_a_post_that_never_mentioned_the_bot()
    {
        var (chat, room) = await GroupAsync("Ads");
        Say(room, "t5", "有需要的家长加我微信，低价代购", TimeSpan.FromSeconds(5));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.That(await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT rule FROM violations WHERE chat_id = @chat AND user_id = 't5'", new { chat }),
            Does.Contain("banned-content"));
        Assert.That(_bot.Bot.GroupPosts.Any(p => p.WebhookKey == "key-Ads" && p.MentionedList.Contains("t5")), Is.True, "the poster is asked to recall it");
    }

    [Test]
    public async Task An_unmapped_room_is_counted_not_judged_and_proposed_for_the_group_with_its_members()
    {
        var (chat, room) = await GroupAsync("Unmapped", map: false);
        Say(room, "t5", "有需要的家长加我微信，低价代购", TimeSpan.Zero);
        Say(room, "t1", "好的", TimeSpan.FromSeconds(1));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.That(await CountAsync("SELECT count(*) FROM inbound_messages WHERE chat_id = @chat", new { chat }), Is.Zero, "nothing of an unmapped room is stored");
        Assert.That(await CountAsync("SELECT messages FROM archive_rooms WHERE room_id = @room", new { room }), Is.EqualTo(2));
        using var overview = await _bot.AdminAsync(HttpMethod.Get, "/api/archive");
        var rooms = (await overview.Content.ReadFromJsonAsync<JsonObject>())!["rooms"]!.AsArray();
        var listed = rooms.Single(r => (string?)r!["roomId"] == room)!;
        Assert.That((string?)listed["proposal"]?["chatId"], Is.EqualTo(chat), "the group whose roster the room's members match");

        // The office confirms on the group's page: from then on the room's messages are judged.
        using var dashboard = await AdminClient.SignInAsync(new AdminClient(_bot.Bot.Factory.Server));
        var page = await dashboard.GetStringAsync($"/admin/groups/{chat}");
        Assert.That(page, Does.Contain(room).And.Contain("确认是本群"));
        using var confirmed = await dashboard.PostFormAsync($"/admin/groups/{chat}", $"/admin/groups/{chat}/archive", new() { ["roomId"] = room, ["channel"] = "archive" });
        Assert.That((int)confirmed.StatusCode, Is.EqualTo(302));
        Assert.That(await Db.ScalarAsync<string>(_bot.ConnectionString, "SELECT actor FROM audit_log WHERE action = 'group.archive' AND subject = @subject",
            new { subject = "group:" + chat }), Is.EqualTo("dashboard:admin"));
        Say(room, "t6", "有需要的家长加我微信，低价代购", TimeSpan.FromSeconds(1));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.That(await CountAsync("SELECT count(*) FROM violations WHERE chat_id = @chat", new { chat }), Is.EqualTo(1), "only the message after the mapping");
    }

    [Test]
    public async Task A_malformed_record_is_counted_and_skipped_and_the_rest_are_judged()
    {
        var (chat, room) = await GroupAsync("Malformed");
        var skippedBefore = await CountAsync("SELECT skipped FROM archive_cursor");
        Say(room, "t1", "第一条", TimeSpan.Zero);
        _bot.Archive.Raw("""{"msgid":"broken-1","action":"send","from":"t2","roomid":""" + "\"" + room + "\",\"msgtime\":");
        Say(room, "t3", "第三条", TimeSpan.FromSeconds(1));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.That(await CountAsync("SELECT skipped FROM archive_cursor") - skippedBefore, Is.EqualTo(1));
        Assert.That(await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT text FROM inbound_messages WHERE chat_id = @chat AND status = 'evaluated' ORDER BY id", new { chat }),
            Is.EqualTo(new[] { "第一条", "第三条" }));
        Assert.That(await CountAsync("SELECT seq FROM archive_cursor"), Is.EqualTo(_bot.Archive.LastSeq), "the cursor passed the malformed record");
    }

    [Test]
    public async Task A_recall_is_recorded_against_the_message_it_takes_back()
    {
        var (_, room) = await GroupAsync("Recall");
        var original = Say(room, "t2", "有需要的家长加我微信，低价代购", TimeSpan.Zero);
        _bot.Archive.Recall(room, "t2", _bot.Now + TimeSpan.FromSeconds(30), original);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));

        var recalled = await Db.QueryAsync<string>(_bot.ConnectionString, """
            SELECT m.text FROM message_recalls r JOIN inbound_messages m ON m.dedupe_key = r.recalled_dedupe_key
            """);
        Assert.That(recalled, Is.EqualTo(new[] { "有需要的家长加我微信，低价代购" }));
    }

    [Test]
    public async Task An_SDK_error_code_stops_the_read_and_the_next_read_loses_nothing()
    {
        var (chat, room) = await GroupAsync("SdkError");
        var cursor = await CountAsync("SELECT seq FROM archive_cursor");
        Say(room, "t1", "网络恢复后也要读到我", TimeSpan.Zero);
        _bot.Archive.Fail(10001, times: 1);
        var failed = await _bot.PollAsync();
        _bot.Archive.Fail(10009, times: 1, insideJson: true);
        var refused = await _bot.PollAsync();
        var read = await _bot.PollAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(failed[0].Problem, Does.Contain("10001").And.Contain("network"));
            Assert.That(refused[0].Problem, Does.Contain("10009").And.Contain("IP"));
            Assert.That(_bot.Archive.Calls.TakeLast(3), Is.EqualTo(new[] { cursor, cursor, cursor }), "every read asked again from the same record");
            Assert.That(read[0].Messages, Is.EqualTo(1));
            Assert.That(await CountAsync("SELECT count(*) FROM inbound_messages WHERE chat_id = @chat AND status = 'evaluated'", new { chat }), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task While_the_spool_holds_callbacks_of_an_outage_a_record_waits_for_their_replay_and_is_judged_once()
    {
        var (chat, room) = await GroupAsync("Spooled");
        var cursor = await CountAsync("SELECT seq FROM archive_cursor");
        // A callback that arrived while the database was out, still on disk: the group's earlier message, say.
        var spool = _bot.Bot.Factory.Services.GetRequiredService<InboundSpool>();
        await spool.AppendAsync([new InboundItem(new InboundMessage("spooled-1", Channel.Robot, chat, ChatType.Group, "wang", "王主任",
            MessageKind.Text, "text", "各位老师辛苦了", [], null, null, null, _bot.Now), "<xml/>")]);
        var record = Say(room, "t5", "有需要的家长加我微信，低价代购", TimeSpan.FromSeconds(1));

        var waiting = await _bot.PollAsync();
        var spooled = spool.Depth.Records;
        var before = await CountAsync("SELECT count(*) FROM inbound_messages WHERE chat_id = @chat", new { chat });
        var replayer = _bot.Bot.Factory.Services.GetRequiredService<SpoolReplayer>();
        while (await replayer.ReplayOnceAsync(CancellationToken.None) > 0)
        {
        }

        var read = await _bot.PollAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((waiting[0].Records, waiting[0].Messages, waiting[0].CaughtUp), Is.EqualTo((1, 1, false)), "read, not taken");
            Assert.That(before, Is.Zero, "not judged ahead of the spooled callback");
            Assert.That(spooled, Is.EqualTo(1), "nor spooled: the archive keeps its records, the spool's room is for callbacks WeCom will not send again");
            Assert.That(read[0].CaughtUp, Is.True);
            Assert.That(await CountAsync("SELECT seq FROM archive_cursor"), Is.EqualTo(cursor + 1), "the cursor passed it once it was judged");
            Assert.That(await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT dedupe_key FROM inbound_messages WHERE chat_id = @chat ORDER BY id", new { chat }),
                Is.EqualTo(new[] { "spooled-1", ArchivePage.DedupeKeyOf(record) }), "the spooled callback first, then the record");
            Assert.That(await CountAsync("SELECT count(*) FROM violations WHERE chat_id = @chat AND user_id = 't5'", new { chat }), Is.EqualTo(1));
        });
    }
}
