using Bot.Tests.Support;

namespace Bot.Tests.EndToEnd;

/// <summary>
/// Fair to those who comply, observed from outside (encrypted callbacks in, WeCom API calls out, rows in PostgreSQL),
/// with the clock a <c>FakeTimeProvider</c>: quiet hours never punish a reply, and the commands answer everyone,
/// before and after the escalation.
/// </summary>
public class FairnessEndToEndTests
{
    private const string Chat = "wrkFairGroup";
    private static readonly DateTimeOffset Eight = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8));

    private BotWithFakeWeCom _bot = null!;

    private async Task StartAsync(string policy)
    {
        _bot = await BotWithFakeWeCom.StartAsync(Eight);
        await _bot.SeedPersonAsync("wang", "王主任", "教务处");
        await _bot.SeedPersonAsync("li", "李组长", "语文组");
        foreach (var (id, name) in new[] { ("t1", "张老师"), ("t2", "陈老师"), ("t3", "刘老师"), ("t4", "黄老师") })
            await _bot.SeedPersonAsync(id, name, "语文组", supervisor: "li");
        await _bot.SeedGroupAsync(Chat, "语文组工作群", "fair-key", "wang", ["wang", "t1", "t2", "t3", "t4"], ["wang"], policy);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    [Test]
    public async Task A_notice_inside_quiet_hours_is_due_after_they_end_and_nobody_who_replied_is_reprimanded_or_late()
    {
        // The case: a notice at 08:00 in a window 08:00–08:44 was reminded at 08:44:00, and those who replied
        // inside the window were reprimanded and marked late.
        await StartAsync("""{"replyWindow":"00:30:00","quietHours":[{"start":"08:00","end":"08:44"}]}""");

        await _bot.PostAsync(Chat, "wang", "王主任", "今天第二节课后交教案。收到请回复：我已知晓，马上照办！");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(10));
        await _bot.PostAsync(Chat, "t1", "张老师", "收到，我已知晓，马上照办");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(10));
        await _bot.PostAsync(Chat, "t2", "陈老师", "[抱拳]我已知晓马上照办");
        await _bot.PostAsync(Chat, "t3", "刘老师", "收到");
        await _bot.PostAsync(Chat, "wang", "王主任", "统计");
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(24));   // 08:44: quiet hours end

        Assert.That(_bot.GroupPosts.Where(p => p.MentionedList.Count > 0), Is.Empty, "no reminder at the first second after quiet hours");

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(29));   // 09:13, still inside 08:44 + 30 min
        Assert.That(_bot.GroupPosts.Where(p => p.MentionedList.Count > 0), Is.Empty);
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(2));    // 09:15

        var reminder = _bot.GroupPosts.Single(p => p.MentionedList.Count > 0);
        Assert.That(reminder.MentionedList, Is.EqualTo(new[] { "t3", "t4" }), "刘老师 only said 收到; 黄老师 said nothing");
        Assert.That(reminder.At, Is.GreaterThanOrEqualTo(Eight.AddMinutes(74)));

        var violations = await Db.QueryAsync<(string, string)>(_bot.ConnectionString, "SELECT user_id, rule FROM violations ORDER BY id");
        Assert.That(violations, Is.EqualTo(new[] { ("wang", "quiet-hours") }), "only the issuer's own notice, by the school's rules");
        var late = await Db.QueryAsync<string>(_bot.ConnectionString, "SELECT user_id FROM notice_duties WHERE late");
        Assert.That(late, Is.Empty);

        var toIssuer = _bot.PrivateMessages.Where(m => m.ToUser == "wang").Select(m => m.Content).ToList();
        Assert.That(toIssuer, Has.Count.EqualTo(1), "one private note for the notice; none for 统计");
        Assert.That(toIssuer[0], Does.Contain("回复时限从休息时间结束（8:44）起算").And.Contain("紧急"));
        Assert.That(_bot.PrivateMessages.Where(m => m.ToUser is "t1" or "t2"), Is.Empty, "nobody who replied hears of quiet hours");
        Assert.That(_bot.PrivateMessages.Single(m => m.ToUser == "t3").Content, Does.Contain("还不能登记"));
    }

    [Test]
    public async Task Commands_answer_issuer_and_member_before_and_after_the_escalation()
    {
        await StartAsync("""{"replyWindow":"00:30:00","explanationWindow":"01:00:00","quietHours":[]}""");
        await _bot.PostAsync(Chat, "wang", "王主任", "周五前上传课件。收到请回复：我已知晓，马上照办！");
        await _bot.PostAsync(Chat, "t1", "张老师", "我已知晓，马上照办");

        await _bot.PostAsync(Chat, "t2", "陈老师", "统计");
        await _bot.PostAsync(Chat, "t2", "陈老师", "帮助");
        await _bot.PostAsync(Chat, "wang", "王主任", "未回复");
        await _bot.RunWorkersAsync();

        var refused = _bot.PrivateMessages.Single(m => m.ToUser == "t2");
        Assert.That(refused.Content, Does.Contain("「统计」仅限通知发布人、群主和管理员使用"));
        Assert.That(_bot.GroupPosts.Select(p => p.Content), Has.Some.StartWith("【规则助手使用说明】"), "帮助 answers every member");
        Assert.That(_bot.GroupPosts.Select(p => p.Content), Has.Some.EqualTo(
            "【未回复名单】#1 王主任于11月25日 08:00发布的通知「周五前上传课件。收到请回复：我已知晓，马上照办！」\n尚未回复3人：\n李组长：陈老师、刘老师、黄老师"));

        await _bot.AdvanceAsync(TimeSpan.FromMinutes(31));
        await _bot.AdvanceAsync(TimeSpan.FromMinutes(61));
        Assert.That(_bot.PrivateMessages.Where(m => m.ToUser == "li").ToList(), Has.Count.EqualTo(1), "escalated to 李组长");

        var before = _bot.GroupPosts.Count;
        await _bot.PostAsync(Chat, "wang", "王主任", "统计");
        await _bot.PostAsync(Chat, "wang", "王主任", "未回复 #1");
        await _bot.PostAsync(Chat, "t4", "黄老师", "收到，我已知晓，马上照办");
        await _bot.PostAsync(Chat, "wang", "王主任", "统计#1");
        await _bot.RunWorkersAsync();

        var answers = _bot.GroupPosts.Skip(before).Select(p => p.Content!).ToList();
        Assert.That(answers, Has.Count.EqualTo(3));
        Assert.That(answers[0], Does.Contain("已回复1人（25%）").And.Contain("已报负责人").And.Not.Contain("当前没有需要回复的通知"));
        Assert.That(answers[1], Does.Contain("陈老师（已报负责人）、刘老师（已报负责人）、黄老师（已报负责人）"));
        Assert.That(answers[2], Does.Contain("已回复2人（50%）：按时1人，逾期1人"), "a reply after the escalation is still recorded, late");
    }
}
