using Bot.Host.WeCom.Archive;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Archive;

/// <summary>
/// One evaluation per real message across the two channels: a member who @-mentions the bot is heard at once through
/// the callback and again later through the archive. The copies match by group, sender and text without the @, within
/// WeCom:Archive:MatchWindow; whichever comes first, the message is judged once.
/// </summary>
[NonParallelizable]
public class ArchiveCopiesTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","explanationWindow":"02:00:00"}""";
    private static readonly string[] Members = ["wang", "t1", "t2"];
    private const string Notice = "周四交教案。收到请回复：我已知晓，马上照办！";

    private ArchiveBot _bot = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _bot = await ArchiveBot.StartAsync(Morning);
        await _bot.Bot.SeedPersonAsync("wang", "王主任", "教务处");
        await _bot.Bot.SeedPersonAsync("t1", "张老师", "语文组", supervisor: "wang");
        await _bot.Bot.SeedPersonAsync("t2", "陈老师", "语文组", supervisor: "wang");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    private async Task<(string Chat, string Room)> GroupAsync(string name, string channel)
    {
        var (chat, room) = ("wrk" + name, "wrRoom" + name);
        await _bot.Bot.SeedGroupAsync(chat, name, "key-" + name, "wang", Members, ["wang"], Policy);
        Assert.That(await _bot.MapAsync(chat, room, channel), Is.EqualTo(200));
        return (chat, room);
    }

    private string Archived(string room, string from, string text, TimeSpan after = default) => _bot.Archive.Text(room, from, Members, _bot.Now + after, text);

    /// <summary>Through the robot callback, which delivers only what @-mentions the bot ("@规则助手 …").</summary>
    private Task Called(string chat, string from, string text) => _bot.Bot.PostAsync(chat, from, from, text);

    private Task<IReadOnlyList<(string Channel, string Status, bool IsCopy)>> RowsAsync(string chat) =>
        Db.QueryAsync<(string, string, bool)>(_bot.ConnectionString,
            "SELECT channel, status, copy_of IS NOT NULL FROM inbound_messages WHERE chat_id = @chat AND sender_id = 't1' ORDER BY id", new { chat });

    private Task<long> RepliedAsync(string chat) => Db.ScalarAsync<long>(_bot.ConnectionString, """
        SELECT count(*) FROM notice_duties d JOIN notices n ON n.id = d.notice_id WHERE n.chat_id = @chat AND d.user_id = 't1' AND d.replied_at IS NOT NULL
        """, new { chat });

    [Test]
    public async Task Callback_first_the_reply_waits_for_its_archive_copy_and_counts_once_after_a_notice_sent_without_the_at()
    {
        var (chat, room) = await GroupAsync("CallbackFirst", "archive");
        // The notice is sent without the @: only the archive has it. t1 replies with the @ before the archive is read.
        Archived(room, "wang", Notice);
        await Called(chat, "t1", "我已知晓，马上照办");
        Archived(room, "t1", "@规则助手 我已知晓，马上照办", TimeSpan.FromSeconds(2));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.That(await RowsAsync(chat), Is.EqualTo(new[] { ("Robot", "held", false), ("Archive", "evaluated", true) }),
            "the callback copy held, the archive copy judged after the notice and pointing at it");
        Assert.That(await RepliedAsync(chat), Is.EqualTo(1), "the reply counts: it was judged after the notice it answers");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(33));
        var reminder = _bot.Bot.GroupPosts.Single(p => p.WebhookKey == "key-CallbackFirst" && p.MentionedList.Count > 0);
        Assert.That(reminder.MentionedList, Is.EqualTo(new[] { "t2" }), "t1 replied; only t2 is named");
    }

    [Test]
    public async Task Archive_first_a_late_callback_copy_is_only_recorded()
    {
        var (chat, room) = await GroupAsync("ArchiveFirst", "archive");
        Archived(room, "wang", Notice);
        Archived(room, "t1", "@规则助手 我已知晓，马上照办", TimeSpan.FromSeconds(2));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(30));
        // WeCom's callback comes late (a retry after an outage): the archive copy has been judged already.
        await Called(chat, "t1", "我已知晓，马上照办");

        Assert.That(await RowsAsync(chat), Is.EqualTo(new[] { ("Archive", "evaluated", false), ("Robot", "copy", true) }));
        Assert.That(await RepliedAsync(chat), Is.EqualTo(1));
    }

    [Test]
    public async Task A_command_is_answered_at_once_from_the_callback_and_its_archive_copy_only_recorded()
    {
        var (chat, room) = await GroupAsync("Command", "archive");
        Archived(room, "wang", Notice);
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(10));
        var before = _bot.Bot.GroupPosts.Count(p => p.WebhookKey == "key-Command");
        await Called(chat, "wang", "统计");
        await _bot.Bot.RunWorkersAsync();
        var answers = _bot.Bot.GroupPosts.Where(p => p.WebhookKey == "key-Command").Skip(before).ToList();
        Assert.That(answers, Has.Count.EqualTo(1), "answered before the archive is read again");
        Assert.That(answers[0].Content, Does.Contain("统计"));

        Archived(room, "wang", "@规则助手 统计", TimeSpan.FromSeconds(1));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.That(_bot.Bot.GroupPosts.Count(p => p.WebhookKey == "key-Command"), Is.EqualTo(before + 1), "the archive copy does not answer again");
        var statuses = await Db.QueryAsync<string>(_bot.ConnectionString,
            "SELECT status FROM inbound_messages WHERE chat_id = @chat AND text LIKE '%统计%' ORDER BY id", new { chat });
        Assert.That(statuses, Is.EqualTo(new[] { "evaluated", "copy" }));
    }

    [Test]
    public async Task In_both_a_callback_the_archive_never_delivers_is_judged_once_the_archive_is_read_past_it_and_in_archive_it_stays_held()
    {
        var (both, bothRoom) = await GroupAsync("Both", "both");
        var (archiveOnly, archiveRoom) = await GroupAsync("ArchiveOnly", "archive");
        Archived(bothRoom, "wang", Notice);
        Archived(archiveRoom, "wang", Notice);
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(10));
        // t1 is outside the corp's archive licence: the archive never has the reply.
        await Called(both, "t1", "我已知晓，马上照办");
        await Called(archiveOnly, "t1", "我已知晓，马上照办");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.That(await RepliedAsync(both), Is.Zero, "still within the match window: its archive copy may yet come");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.That(await RepliedAsync(both), Is.EqualTo(1), "'both': judged from the callback");
        Assert.That(await RowsAsync(both), Is.EqualTo(new[] { ("Robot", "held", false), ("Robot", "evaluated", true) }));
        Assert.That(await RepliedAsync(archiveOnly), Is.Zero, "'archive': the archive alone judges");
    }

    [Test]
    public async Task The_same_text_twice_pairs_each_copy_with_one_other()
    {
        var (chat, room) = await GroupAsync("Twice", "archive");
        await Called(chat, "t1", "好的");
        await Called(chat, "t1", "好的");
        Archived(room, "t1", "@规则助手 好的", TimeSpan.FromSeconds(1));
        Archived(room, "t1", "@规则助手 好的", TimeSpan.FromSeconds(2));
        await _bot.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.That(await RowsAsync(chat), Is.EqualTo(new[] { ("Robot", "held", false), ("Robot", "held", false), ("Archive", "evaluated", true), ("Archive", "evaluated", true) }));
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString,
            "SELECT count(DISTINCT copy_of) FROM inbound_messages WHERE chat_id = @chat AND copy_of IS NOT NULL", new { chat }), Is.EqualTo(2));
    }

    [Test]
    public async Task A_room_id_outside_the_id_rule_or_already_another_groups_is_refused_and_nothing_changes()
    {
        var (chat, room) = await GroupAsync("Refused", "archive");
        await _bot.Bot.SeedGroupAsync("wrkOther", "Other", "key-other", "wang", Members, ["wang"]);

        Assert.That(await _bot.MapAsync("wrkOther", "wr\u202Eroom", "archive"), Is.EqualTo(400), "a bidi override in the id");
        Assert.That(await _bot.MapAsync("wrkOther", room, "archive"), Is.EqualTo(409), "the room is the other group's");
        Assert.That(await _bot.MapAsync("wrkOther", null, "both"), Is.EqualTo(400), "an archive channel needs a room");
        Assert.That(await _bot.MapAsync("wrkNobody", "wrRoomNobody", "archive"), Is.EqualTo(404));
        Assert.That(await Db.QueryAsync<(string, string)>(_bot.ConnectionString,
            "SELECT chat_id, channel FROM groups WHERE archive_room_id IS NOT NULL AND chat_id IN ('wrkOther', @chat)", new { chat }),
            Is.EqualTo(new[] { (chat, "archive") }));
    }

    [Test]
    public async Task Msgaudit_notify_on_the_app_callback_wakes_the_reader_and_is_not_recorded()
    {
        var wake = _bot.Bot.Factory.Services.GetRequiredService<ArchiveWake>();
        var before = await Db.CountInboundAsync(_bot.ConnectionString);
        // Doc 95039's event, encrypted for the app callback.
        const string notify = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>" +
            "<CreateTime>1629101687</CreateTime><MsgType><![CDATA[event]]></MsgType><AgentID>2000004</AgentID>" +
            "<Event><![CDATA[msgaudit_notify]]></Event></xml>";
        using var response = await CallbackSender.App(_bot.Bot.Client).PostAsync(notify, _bot.Now.ToUnixTimeSeconds());

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("success"));
        Assert.That(wake.WaitAsync(TimeSpan.FromHours(1), _bot.Bot.Factory.Time, CancellationToken.None).IsCompletedSuccessfully, Is.True,
            "the reader was woken");
        Assert.That(await Db.CountInboundAsync(_bot.ConnectionString), Is.EqualTo(before));
    }
}
