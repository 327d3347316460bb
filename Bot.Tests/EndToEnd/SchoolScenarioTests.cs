using Bot.Tests.Support;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// The school's notice discipline observed only from outside: encrypted callbacks in, WeCom API calls out.
/// 王主任 issues notices in a group of six teachers; 李组长 supervises t1–t3, 赵组长 t4–t6; 钱校长 is the principal.
/// </summary>
public class SchoolScenarioTests
{
    private const string Chat = "wrkSchoolGroup";
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Policy = """{"replyWindow":"00:30:00","explanationWindow":"02:00:00","rectificationWindow":"03:00:00"}""";

    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task StartSchool()
    {
        _bot = await BotWithFakeWeCom.StartAsync(WednesdayMorning);
        await _bot.SeedPersonAsync("wang", "王主任", "教务处", role: null);
        await _bot.SeedPersonAsync("li", "李组长", "语文组");
        await _bot.SeedPersonAsync("zhao", "赵组长", "数学组");
        await _bot.SeedPersonAsync("qian", "钱校长", "校长室", role: "principal");
        foreach (var (id, name, head) in Teachers)
            await _bot.SeedPersonAsync(id, name, head == "li" ? "语文组" : "数学组", supervisor: head);
        await _bot.SeedGroupAsync(Chat, "全体教师群", "school-key", "wang", ["wang", .. Teachers.Select(t => t.Id)], ["wang"], Policy);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    private static readonly (string Id, string Name, string Head)[] Teachers =
    [
        ("t1", "张老师", "li"), ("t2", "陈老师", "li"), ("t3", "刘老师", "li"), ("t4", "黄老师", "li"),
        ("t5", "周老师", "zhao"), ("t6", "吴老师", "zhao"), ("t7", "郑老师", "zhao"), ("t8", "孙老师", "zhao"),
    ];

    /// <summary>
    /// The replies are the ones teachers really type (the labelled table in Acknowledgement/Data/replies.tsv has more):
    /// openers, names, WeCom emoji codes, traditional characters, an input-method slip, a bare 「收到」 and 「👍」, a
    /// question that contains the phrase. Nobody who acknowledged may be named in the reminder or reported.
    /// </summary>
    [Test]
    public async Task The_full_school_scenario_with_real_replies_names_only_the_silent_and_escalates_only_the_last_one()
    {
        await _bot.PostAsync(Chat, "wang", "王主任", "明天上午9点全体教师到会议室开会。收到请回复：我已知晓，马上照办（坚决执行）！");
        await _bot.PostAsync(Chat, "t1", "张老师", "好的，我已知晓，马上照办。");
        await _bot.PostAsync(Chat, "t2", "陈老师", "我已知晓，马上照办[抱拳]");
        await _bot.PostAsync(Chat, "t3", "刘老师", "刘老师：我已知晓，马上照办！");
        await _bot.PostAsync(Chat, "t4", "黄老师", "收到");
        await _bot.PostAsync(Chat, "t5", "周老师", "@王主任 我已知曉，馬上照辦");
        await _bot.PostAsync(Chat, "t6", "吴老师", "我以知晓，马上照办👍");
        await _bot.PostAsync(Chat, "t7", "郑老师", "你们说的我已知晓马上照办是什么意思");
        await _bot.PostAsync(Chat, "t8", "孙老师", "👍");
        await _bot.RunWorkersAsync();

        // 黄老师 and 孙老师 acknowledged without the phrase: each is told privately, once, which words count.
        var hints = _bot.PrivateMessages;
        Assert.That(hints.Select(h => h.ToUser), Is.EquivalentTo(new[] { "t4", "t8" }));
        Assert.That(hints.Select(h => h.Content), Has.All.Contain("还不能登记").And.All.Contain("我已知晓，马上照办！"));
        var beforeDeadline = _bot.GroupPosts;
        Assert.That(beforeDeadline, Has.Count.EqualTo(1), "only the tracking note before the deadline");
        Assert.That(beforeDeadline[0].Content, Does.Contain("截止11月25日 09:30").And.Contain("回复时请 @规则助手：我已知晓，马上照办！"));
        Assert.That(beforeDeadline[0].MentionedList, Is.Empty);

        await _bot.PostAsync(Chat, "t4", "黄老师", "收到，我已知晓，马上照办[强]");
        await _bot.PostAsync(Chat, "t8", "孙老师", "收到收到");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));

        Assert.That(_bot.PrivateMessages, Has.Count.EqualTo(2), "no second hint for the same notice");
        var reminder = _bot.GroupPosts.Single(p => p.MentionedList.Count > 0);
        Assert.That(reminder.WebhookKey, Is.EqualTo("school-key"));
        Assert.That(reminder.MentionedList, Is.EqualTo(new[] { "t7", "t8" }), "exactly the two who did not reply with the phrase");
        Assert.That(reminder.Content, Does.Contain("回复时请 @规则助手：我已知晓，马上照办！"));
        foreach (var (_, name, _) in Teachers.Take(6)) Assert.That(reminder.Content, Does.Not.Contain(name));

        await _bot.PostAsync(Chat, "t7", "郑老师", "好的，我已知晓，马上照办");
        await _bot.AdvanceAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        var escalations = _bot.PrivateMessages.Skip(2).ToList();
        Assert.That(escalations, Has.Count.EqualTo(1), "one private message, to the last one's supervisor");
        Assert.That(escalations[0].ToUser, Is.EqualTo("zhao"));
        Assert.That(escalations[0].Content, Does.Contain("孙老师"));
        foreach (var (_, name, _) in Teachers.Take(7)) Assert.That(escalations[0].Content, Does.Not.Contain(name));
        var announcement = _bot.GroupPosts[^1];
        Assert.That(announcement.Content, Does.StartWith("【情况通报】").And.Contain("孙老师").And.Not.Contain("郑老师"));
        Assert.That(announcement.MentionedList, Is.Empty, "the announcement mentions no one again");

        var late = await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT user_id FROM notice_duties WHERE late ORDER BY user_id");
        Assert.That(late, Is.EqualTo(new[] { "t7" }), "郑老师 replied after the reminder; everyone else in time");
    }

    [Test]
    public async Task A_notice_that_needs_no_reply_is_not_tracked()
    {
        await _bot.PostAsync(Chat, "wang", "王主任", "本周五下午大扫除，请各班做好准备。此条信息不必回复！");
        await _bot.AdvanceAsync(TimeSpan.FromHours(5));

        Assert.That(_bot.GroupPosts, Is.Empty);
        Assert.That(await Db.ScalarAsync<long>(_bot.ConnectionString, "SELECT count(*) FROM notices"), Is.Zero);
    }

    [Test]
    public async Task One_reply_acknowledges_two_open_notices_but_a_quoted_reply_only_the_quoted_one()
    {
        await _bot.PostAsync(Chat, "wang", "王主任", "周四交教案。收到请回复：我已知晓，马上照办！");
        await _bot.PostAsync(Chat, "wang", "王主任", "周五交试卷。收到请回复：我已知晓，马上照办！");
        await _bot.PostAsync(Chat, "t1", "张老师", "我已知晓，马上照办");

        var t1Replies = await Db.ScalarAsync<long>(_bot.ConnectionString,
            "SELECT count(*) FROM notice_duties WHERE user_id = 't1' AND replied_at IS NOT NULL");
        Assert.That(t1Replies, Is.EqualTo(2));

        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            msgid = "quoted-1", aibotid = "A", chatid = Chat, chattype = "group", from = new { userid = "t2" }, msgtype = "text",
            text = new { content = "@规则助手 我已知晓，马上照办" },
            quote = new { msgtype = "text", text = new { content = "周五交试卷。收到请回复：我已知晓，马上照办！" } },
        });
        using var response = await CallbackSender.AiBot(_bot.Client).PostAsync(payload, _bot.Now.ToUnixTimeSeconds());
        Assert.That((int)response.StatusCode, Is.EqualTo(200));

        var t2 = await Db.QueryAsync<string>(_bot.ConnectionString, """
            SELECT n.text FROM notice_duties d JOIN notices n ON n.id = d.notice_id WHERE d.user_id = 't2' AND d.replied_at IS NOT NULL
            """);
        Assert.That(t2, Is.EqualTo(new[] { "周五交试卷。收到请回复：我已知晓，马上照办！" }));
    }

    [Test]
    public async Task Rectification_reply_and_evidence_closes_it_and_silence_escalates_to_the_principal()
    {
        await _bot.PostAsync(Chat, "wang", "王主任", "检查通报：今日卫生检查 @张老师 @陈老师 @刘老师 班级不合格，请立即整改。");
        // 张老师 replies and posts evidence; 陈老师 replies only; 刘老师 says nothing.
        await _bot.PostAsync(Chat, "t1", "张老师", "存在问题我已清楚，将立即整改！");
        await _bot.PostAsync(Chat, "t2", "陈老师", "存在问题我已清楚，将立即整改！");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(10));
        await _bot.PostAsync(Chat, "t1", "张老师", "整改情况：教室已重新打扫，垃圾已清运。");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(25));
        var afterReplyDeadline = _bot.PrivateMessages;
        Assert.That(afterReplyDeadline, Has.Count.EqualTo(1), "刘老师 missed the reply");
        Assert.That(afterReplyDeadline[0].ToUser, Is.EqualTo("qian"));
        Assert.That(afterReplyDeadline[0].Content, Does.Contain("点名指出刘老师"));

        await _bot.AdvanceAsync(TimeSpan.FromHours(3));
        var all = _bot.PrivateMessages;
        Assert.That(all, Has.Count.EqualTo(2), "陈老师 missed the evidence; 张老师 is done");
        Assert.That(all[1].ToUser, Is.EqualTo("qian"));
        Assert.That(all[1].Content, Does.Contain("点名指出陈老师"));
        var stages = await Db.QueryAsync<(string, string)>(_bot.ConnectionString, "SELECT member_id, stage FROM rectifications ORDER BY member_id");
        Assert.That(stages, Is.EqualTo(new[] { ("t1", "Done"), ("t2", "Escalated"), ("t3", "Escalated") }));
    }
}
