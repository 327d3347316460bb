using Bot.Host.FakeWeCom;
using Bot.Tests.Support;

namespace Bot.Tests.EndToEnd;

/// <summary>The 智能机器人 and the self-built app channels, from the encrypted callback to WeCom's API.</summary>
public class ChannelsEndToEndTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private BotWithFakeWeCom _bot = null!;

    [SetUp]
    public async Task Start()
    {
        _bot = await BotWithFakeWeCom.StartAsync(Morning);
        await _bot.SeedPersonAsync("boss", "王主任", "教务处");
        await _bot.SeedPersonAsync("a", "甲老师", "语文组");
        await _bot.SeedPersonAsync("b", "乙老师", "语文组");
        await _bot.SeedGroupAsync("g", "教师群", "g-key", "boss", ["boss", "a", "b"], ["boss"]);
    }

    [TearDown]
    public async Task Stop() => await _bot.DisposeAsync();

    private async Task AiBotSaysAsync(string msgId, string userId, string text)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new
        {
            msgid = msgId, aibotid = "AIBOT", chatid = "g", chattype = "group", from = new { userid = userId }, msgtype = "text",
            response_url = new Uri(_bot.Factory.ApiBaseUrl!, $"/cgi-bin/aibot/response?response_code={msgId}").ToString(),
            text = new { content = "@规则助手 " + text },
        });
        using var response = await CallbackSender.AiBot(_bot.Client).PostAsync(payload, _bot.Now.ToUnixTimeSeconds());
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task A_command_through_the_AiBot_is_answered_at_its_response_url_not_by_a_group_post()
    {
        await AiBotSaysAsync("n1", "boss", "周五交总结。收到请回复：我已知晓，马上照办！");
        await AiBotSaysAsync("r1", "a", "我已知晓，马上照办");
        await AiBotSaysAsync("c1", "boss", "未回复");
        await _bot.RunWorkersAsync();

        var answers = _bot.WeCom.Delivered.Where(r => r.Kind == FakeWeComRequestKind.AiBotResponse).OrderBy(r => r.Sequence).ToList();
        Assert.That(answers.Select(a => a.Query), Is.EqualTo(new[] { "?response_code=n1", "?response_code=c1" }),
            "the notice is answered with its tracking note, the command with its result, each at its own response_url");
        Assert.That(answers[0].Content, Does.Contain("回复时请 @规则助手：我已知晓，马上照办！"));
        Assert.That(answers[1].Content, Does.Contain("乙老师").And.Not.Contain("甲老师"), "only the one who has not replied");
        Assert.That(_bot.GroupPosts, Is.Empty);
    }

    [Test]
    public async Task A_person_deleted_from_the_directory_is_reported_to_the_owner_of_each_group_still_listing_them()
    {
        var xml = """
            <xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
            <CreateTime>1764032400</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>
            <ChangeType>delete_user</ChangeType><UserID><![CDATA[b]]></UserID></xml>
            """;
        for (var delivery = 0; delivery < 2; delivery++)
        {
            using var response = await CallbackSender.App(_bot.Client).PostAsync(xml, _bot.Now.ToUnixTimeSeconds());
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("success"));
        }

        await _bot.RunWorkersAsync();

        var toOwner = _bot.PrivateMessages.Single();
        Assert.That(toOwner.ToUser, Is.EqualTo("boss"));
        Assert.That(toOwner.Content, Does.Contain("乙老师").And.Contain("移出"));
    }
}
