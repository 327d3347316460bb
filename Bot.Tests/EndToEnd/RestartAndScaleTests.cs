using System.Text;
using Bot.Tests.Support;

namespace Bot.Tests.EndToEnd;

public class RestartAndScaleTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task A_host_restarted_between_notice_and_deadline_still_sends_the_reminder_once()
    {
        string connectionString;
        await using (var before = await BotWithFakeWeCom.StartAsync(Morning))
        {
            connectionString = before.ConnectionString;
            await before.SeedPersonAsync("boss", "王主任", "教务处");
            await before.SeedPersonAsync("a", "甲老师", "语文组");
            await before.SeedGroupAsync("g", "群", "k", "boss", ["boss", "a"], ["boss"], """{"replyWindow":"00:10:00"}""");
            await before.PostAsync("g", "boss", "王主任", "下午开会。收到请回复：我已知晓，马上照办！");
            await before.AdvanceAsync(TimeSpan.FromMinutes(5));
            Assert.That(before.GroupPosts.Where(p => p.MentionedList.Count > 0), Is.Empty, "no reminder before the deadline");
        }

        await using var after = await BotWithFakeWeCom.StartAsync(Morning.AddMinutes(11), connectionString: connectionString);
        await after.RunWorkersAsync();
        await after.AdvanceAsync(TimeSpan.FromMinutes(10));

        var reminders = after.GroupPosts.Where(p => p.MentionedList.Count > 0).ToList();
        Assert.That(reminders, Has.Count.EqualTo(1));
        Assert.That(reminders[0].MentionedList, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task A_notice_to_a_2000_member_group_reminds_everyone_once_within_WeComs_limits()
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning);
        var members = Enumerable.Range(1, 2000).Select(i => $"teacher{i:0000}").ToList();
        await bot.SeedPersonAsync("boss", "王主任", "教务处");
        await bot.SeedGroupAsync("big", "全区教师群", "big-key", "boss", ["boss", .. members], ["boss"], """{"replyWindow":"00:10:00"}""");

        await bot.PostAsync("big", "boss", "王主任", "全区教师请于周五前完成培训。收到请回复：我已知晓，马上照办！");
        await bot.PostAsync("big", "teacher0001", "teacher0001", "我已知晓，马上照办");
        await bot.AdvanceAsync(TimeSpan.FromMinutes(11));
        await bot.AdvanceAsync(TimeSpan.FromMinutes(1));

        var posts = bot.GroupPosts;
        var mentioned = posts.SelectMany(p => p.MentionedList).ToList();
        Assert.That(mentioned, Is.EquivalentTo(members.Skip(1)), "every non-responder exactly once");
        Assert.That(posts.All(p => Encoding.UTF8.GetByteCount(p.Content!) <= 2048), Is.True, "WeCom's 2048-byte text limit");
        Assert.That(posts, Has.Count.LessThanOrEqualTo(20), "within one minute's robot limit");
    }
}
