using Bot.Host.Rules;
using Bot.Rules.Moderation;
using Bot.Tests.Support;

namespace Bot.Tests.Admin;

public class TryApiTests : AdminTest
{
    [OneTimeSetUp]
    public async Task ConfigureAsync()
    {
        await JsonAsync(await PutAsync("/api/people/try-t1", new { name = "赵老师", department = "语文组" }));
        await JsonAsync(await PutAsync("/api/groups/chat-try", new { name = "试用群", owner = "try-leader", members = new[] { "try-t1" } }));
        var added = await PostAsync("/api/words", new { category = "gambling", pattern = "百家乐", kind = "plain" });
        Assert.That(added.StatusCode, Is.AnyOf(System.Net.HttpStatusCode.Created, System.Net.HttpStatusCode.Conflict), "added, or in the shipped list already");
    }

    [Test]
    public async Task A_banned_word_is_explained_with_every_rules_verdict_and_the_warning_it_would_post()
    {
        var inbound = await Db.CountInboundAsync(Database);
        var answer = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-try", userId = "try-t1", text = "周末一起去玩百家乐吧" }));

        var verdicts = answer["verdicts"]!.AsArray();
        Assert.That(verdicts.Select(v => v!["rule"]!.GetValue<string>()), Is.EqualTo(RuleEngine.Pipeline(new NoHits()).Rules.Select(r => r.Name)),
            "every rule of the pipeline, in its order");
        var banned = verdicts.Single(v => v!["rule"]!.GetValue<string>() == "banned-content")!;
        Assert.That(banned["outcome"]!.GetValue<string>(), Is.EqualTo("hit"));
        Assert.That(banned["mode"]!.GetValue<string>(), Is.EqualTo("Enforce"));
        Assert.That(banned["detail"]!.GetValue<string>(), Does.Contain("gambling"));
        Assert.That(verdicts.Where(v => v!["rule"]!.GetValue<string>() != "banned-content").Select(v => v!["outcome"]!.GetValue<string>()), Is.All.EqualTo("pass"));

        var effects = answer["effects"]!.AsArray();
        var post = effects.Single(e => e!["type"]!.GetValue<string>() == "PostToGroup")!;
        Assert.That(post["effect"]!["text"]!.GetValue<string>(), Does.Contain("赌博"));
        Assert.That(post["effect"]!["mentions"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "try-t1" }));
        Assert.That(effects.Select(e => e!["type"]!.GetValue<string>()), Does.Contain("RecordViolation"));

        Assert.That(await Db.CountInboundAsync(Database), Is.EqualTo(inbound), "a try stores nothing");
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM violations"), Is.Zero);
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM outbox"), Is.Zero);
    }

    [Test]
    public async Task A_post_at_23_05_Shanghai_is_explained_as_quiet_hours_with_a_private_reminder()
    {
        var at = new DateTimeOffset(2026, 3, 10, 23, 5, 0, TimeSpan.FromHours(8));
        var answer = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-try", userId = "try-t1", text = "明天的会改到九点", at }));

        var quiet = answer["verdicts"]!.AsArray().Single(v => v!["rule"]!.GetValue<string>() == "quiet-hours")!;
        Assert.That(quiet["outcome"]!.GetValue<string>(), Is.EqualTo("hit"));
        Assert.That(quiet["detail"]!.GetValue<string>(), Is.EqualTo("23:05 in 23:00–06:30 Asia/Shanghai"));
        var reminder = answer["effects"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "SendPrivate")!;
        Assert.That(reminder["effect"]!["to"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "try-t1" }));
        Assert.That(reminder["notBefore"]!.GetValue<DateTimeOffset>(), Is.EqualTo(new DateTimeOffset(2026, 3, 11, 6, 30, 0, TimeSpan.FromHours(8))),
            "the bot's own message waits for the end of quiet hours");
    }

    [Test]
    public async Task A_group_in_observe_mode_for_quiet_hours_records_but_would_send_nothing()
    {
        await JsonAsync(await PutAsync("/api/groups/chat-try-observe", new { name = "观察群", members = new[] { "try-t1" },
            policy = new { modes = new Dictionary<string, string> { ["quiet-hours"] = "Observe" } } }));
        var at = new DateTimeOffset(2026, 3, 10, 23, 5, 0, TimeSpan.FromHours(8));
        var answer = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-try-observe", userId = "try-t1", text = "晚安", at }));

        var quiet = answer["verdicts"]!.AsArray().Single(v => v!["rule"]!.GetValue<string>() == "quiet-hours")!;
        Assert.That(quiet["mode"]!.GetValue<string>(), Is.EqualTo("Observe"));
        Assert.That(answer["effects"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()), Does.Not.Contain("SendPrivate"));
    }

    [Test]
    public async Task A_notice_from_the_owner_would_open_a_notice_but_none_is_stored()
    {
        var answer = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-try", userId = "try-leader", text = "明天上午开会，收到请回复：我已知晓，马上照办！" }));

        var notice = answer["effects"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "OpenNotice")!;
        Assert.That(notice["effect"]!["asked"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "try-t1" }));
        Assert.That(await Db.ScalarAsync<long>(Database, "SELECT count(*) FROM notices"), Is.Zero);
    }

    private sealed class NoHits : IContentScanner
    {
        public IReadOnlyList<ContentHit> Scan(string text) => [];
    }

    [Test]
    public async Task A_try_without_text_is_400_naming_text()
    {
        var problem = await JsonAsync(await PostAsync("/api/try", new { chatId = "chat-try", userId = "try-t1" }), System.Net.HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["text"], Is.Not.Null);
    }
}
