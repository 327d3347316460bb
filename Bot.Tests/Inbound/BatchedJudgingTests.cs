using Bot.Host.Inbound;
using Bot.Rules.Messages;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Inbound;

/// <summary>
/// A batch judges several messages of one group against one read of the group, carrying each decision's effects forward
/// in memory. It must decide exactly as judging the messages one transaction at a time: same verdicts, same rows.
/// </summary>
public class BatchedJudgingTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Chat = "wrkBatchGroup";

    // A notice and its replies, a newcomer flooding, a member with the wrong nickname collecting three strikes, mentions
    // by name, a command: every effect a snapshot carries, and a notice it cannot carry (the group is read again after it).
    private static readonly (string Sender, string Shown, string Text, string[] Mentions)[] Script =
    [
        ("boss", "王主任", "明天上午九点开会。收到请回复：我已知晓，马上照办！", []),
        ("t1", "张老师", "我已知晓，马上照办！", []),
        ("x", "许老师", "大家好", []),
        ("x", "许老师", "大家好", []),
        ("x", "许老师", "大家好", []),
        ("t2", "小王", "加我微信代开发票", []),
        ("t2", "小王", "加我微信代开发票", []),
        ("t2", "小王", "代开发票，量大从优", []),
        ("t3", "刘老师", "@张老师 你好", ["张老师"]),
        ("t1", "张老师", "@刘老师 收到", ["刘老师"]),
        ("t3", "刘老师", "@张老师 明天见", ["张老师"]),
        ("t3", "刘老师", "我已知晓，马上照办", []),
        ("boss", "王主任", "统计", []),
        ("boss", "王主任", "下午三点再开一次会。收到请回复：我已知晓，马上照办！", []),
        ("t2", "小王", "我已知晓，马上照办！", []),
        ("x", "许老师", "我已知晓，马上照办！", []),
    ];

    // What the two runs must agree on, table by table.
    private static readonly string[] Tables =
    [
        "SELECT id || ' ' || dedupe_key || ' ' || status || ' ' || verdicts::text FROM inbound_messages ORDER BY id",
        "SELECT chat_id || ' ' || user_id || ' ' || rule || ' ' || category || ' ' || evidence || ' ' || strike FROM violations ORDER BY id",
        "SELECT id || ' ' || stage FROM notices ORDER BY id",
        "SELECT notice_id || ' ' || user_id || ' ' || coalesce(replied_at::text, '-') || ' ' || late || ' ' || coalesce(explained_at::text, '-') FROM notice_duties ORDER BY notice_id, position",
        "SELECT chat_id || ' ' || user_id FROM group_members ORDER BY chat_id, position",
        "SELECT user_id || ' ' || name FROM people ORDER BY user_id",
        "SELECT idempotency_key || ' ' || kind || ' ' || next_attempt_at::text || ' ' || payload::text FROM outbox ORDER BY idempotency_key",
        "SELECT kind || ' ' || subject_id || ' ' || due_at::text FROM timers ORDER BY kind, subject_id",
        "SELECT action || ' ' || subject FROM audit_log WHERE actor = 'bot' ORDER BY id",
    ];

    [Test]
    public async Task Judging_a_groups_messages_in_one_batch_decides_exactly_as_one_at_a_time()
    {
        var oneByOne = await RunAsync(async (processor, items) =>
        {
            foreach (var item in items) await processor.ProcessBatchAsync([item], default);
        });
        var together = await RunAsync(async (processor, items) => await processor.ProcessBatchAsync(items, default));

        Assert.Multiple(() =>
        {
            for (var t = 0; t < Tables.Length; t++) Assert.That(together[t], Is.EqualTo(oneByOne[t]), Tables[t]);
        });
        // The script does what it is meant to, so the comparison compares something.
        var verdicts = string.Join("\n", oneByOne[0]);
        Assert.That(verdicts, Does.Contain("same text 3× within 1m\", \"outcome\": \"Hit\"").And.Contain("strike 3/3 within 30d; limit reached")
            .And.Contain("already nudged").And.Contain("3 turns within 10m").And.Contain("covers 2 notice(s)"));
        Assert.That(oneByOne[1].Count(v => v.EndsWith(" true", StringComparison.Ordinal)), Is.EqualTo(3), "three strikes");
        Assert.That(oneByOne[2], Has.Count.EqualTo(2), "two notices");
        Assert.That(oneByOne[3].Count(d => !d.Contains(" - ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(3), "replies recorded");
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> RunAsync(Func<IInboundBatchProcessor, IReadOnlyList<InboundItem>, Task> process)
    {
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning);
        await bot.SeedPersonAsync("boss", "王主任", "教务处", role: "admin");
        await bot.SeedPersonAsync("lead", "李组长", "语文组");
        await bot.SeedPersonAsync("t1", "张老师", "语文组", supervisor: "lead");
        await bot.SeedPersonAsync("t2", "陈老师", "语文组", supervisor: "lead");
        await bot.SeedPersonAsync("t3", "刘老师", "数学组");
        await bot.SeedGroupAsync(Chat, "教师群", "batch-key", "boss", ["boss", "t1", "t2", "t3"], ["boss"], """{"quietHours":[]}""");

        var items = Script.Select((line, k) => new InboundItem(new InboundMessage($"batch-{k:D2}", Channel.Robot, Chat, ChatType.Group,
            line.Sender, line.Shown, MessageKind.Text, "text", line.Text, line.Mentions, null, null, null, Morning.AddSeconds(10 * k)), "<xml/>")).ToList();
        await process(bot.Factory.Services.GetRequiredService<IInboundBatchProcessor>(), items);

        var tables = new List<IReadOnlyList<string>>();
        foreach (var sql in Tables) tables.Add(await Db.QueryAsync<string>(bot.ConnectionString, sql));
        return tables;
    }
}
