using System.Diagnostics;
using Bot.Host.FakeWeCom;
using Bot.Tests.Support;
using Dapper;
using Npgsql;

namespace Bot.Tests.Proof;

/// <summary>
/// A burst of archive records across groups of 100 members (in each, a notice and a message from every member), read by
/// the host as a real process through the stand-in SDK, SIGKILLed while it is recording them, then restarted on the same
/// database: every record is recorded and judged exactly once, none skipped, and every acknowledgement is counted.
/// </summary>
/// <remarks>
/// In the suite the burst is 1,500 records across 15 groups, so that the kill lands inside WeCom's first page of 1,000;
/// <c>scripts/bench-archive.sh</c> runs the same proof with 5,000 records across 50 groups (ARCHIVE_BURST_GROUPS=50) and
/// reports the rate. The keys are RSA-1024 here: on this machine an RSA-2048 decryption costs about 4 ms, arithmetic the
/// other archive tests already run with RSA-2048 keys.
/// </remarks>
[NonParallelizable]
public class ArchiveCrashTests
{
    private const int PerGroup = 100;
    private static readonly int Groups = int.TryParse(Environment.GetEnvironmentVariable("ARCHIVE_BURST_GROUPS"), out var groups) && groups > 0 ? groups : 15;
    private static readonly int Records = Groups * PerGroup;
    private const string Policy = """{"replyWindow":"01:00:00","quietHours":[]}""";
    private static readonly string[] Roster = [.. Enumerable.Range(0, PerGroup).Select(i => i == 0 ? "boss" : $"u{i:D2}")];
    private static readonly int Acknowledging = Enumerable.Range(1, PerGroup - 1).Count(Acknowledges);

    [Test]
    public async Task Kill_9_while_reading_a_burst_of_records_neither_skips_nor_repeats_a_record()
    {
        var db = TestPostgres.NewDatabase();
        using var archive = new StandInArchive(keySize: 1024);
        await using var fake = await FakeWeComServer.StartAsync(new FakeWeComState { CorpId = WeComVectors.CorpIdA, CorpSecret = BotWithFakeWeCom.AppSecret, AgentId = 1000002 });
        var settings = archive.Settings();
        settings["WeCom:ApiBaseUrl"] = fake.BaseUri.ToString();
        settings["WeCom:Archive:PollInterval"] = "00:00:00.200";
        settings["Logging:LogLevel:Default"] = "Warning";

        var first = await HostProcess.StartAsync(db, settings);
        await SeedAsync(db, DateTimeOffset.UtcNow);
        var clock = Stopwatch.StartNew();
        archive.AppendMany(Burst(DateTimeOffset.UtcNow));

        // Kill once a good part of the burst is recorded and the rest is still being read and judged.
        await WaitForAsync(db, n => n >= Records * 3 / 10, TimeSpan.FromSeconds(60));
        first.Kill();
        var killedAt = clock.Elapsed;
        var output = first.Output;
        await first.DisposeAsync();
        var committedAtKill = await CountAsync(db, "SELECT count(*) FROM inbound_messages");
        var cursorAtKill = await CountAsync(db, "SELECT seq FROM archive_cursor");
        var readsBeforeRestart = archive.Calls.Count;

        await using var second = await HostProcess.StartAsync(db, settings, first.Port);
        var done = await WaitForAsync(db, n => n >= Records, TimeSpan.FromSeconds(90));
        var total = clock.Elapsed;

        await TestContext.Out.WriteLineAsync($"killed at {killedAt.TotalSeconds:F1} s with {committedAtKill} of {Records} records recorded " +
            $"(cursor at {cursorAtKill}); all recorded {total.TotalSeconds:F1} s after the burst was written, across the kill and a restart " +
            $"({Records / total.TotalSeconds:F0} records/s, {Groups} groups, RSA-1024, {Environment.ProcessorCount} cores)");
        Assert.Multiple(async () =>
        {
            Assert.That(committedAtKill, Is.InRange(1, Records - 1), "the kill landed in the middle of the burst");
            Assert.That(done, Is.EqualTo(Records), "every record recorded after the restart");
            Assert.That(await CountAsync(db, "SELECT count(*) FROM inbound_messages WHERE status = 'evaluated'"), Is.EqualTo(Records), "each once, judged");
            Assert.That(await CountAsync(db, "SELECT count(*) FROM notices"), Is.EqualTo(Groups), "one notice per group");
            Assert.That(await CountAsync(db, "SELECT count(*) FROM notice_duties WHERE replied_at IS NOT NULL"), Is.EqualTo(Groups * Acknowledging),
                "every acknowledgement, once");
            Assert.That(await CountAsync(db, "SELECT count(*) FROM notice_duties WHERE replied_at IS NULL"), Is.EqualTo(Groups * (PerGroup - 1 - Acknowledging)));
            Assert.That(await CountAsync(db, "SELECT seq FROM archive_cursor"), Is.EqualTo(archive.LastSeq), "the cursor reached the last record");
            Assert.That(await CountAsync(db, "SELECT count(*) FROM archive_ingested"), Is.Zero, "no committed range left behind it");
            Assert.That(archive.Calls[readsBeforeRestart], Is.GreaterThanOrEqualTo(cursorAtKill), "the restarted host read on from the committed records");
            Assert.That(output + second.Output, Does.Not.Contain(StandInArchive.Secret).And.Not.Contain("PRIVATE KEY"));
        });
    }

    /// <summary>In each group: the notice, then every member once: one in three acknowledges it, the others talk of something else.</summary>
    private static IEnumerable<(string, string, IReadOnlyList<string>, DateTimeOffset, string)> Burst(DateTimeOffset at)
    {
        for (var g = 0; g < Groups; g++)
        {
            var room = $"wrRoomBurst{g:D2}";
            yield return (room, "boss", Roster, at, $"第{g}号通知：明天开会。收到请回复：我已知晓，马上照办！");
            for (var k = 1; k < PerGroup; k++)
                yield return (room, Roster[k], Roster, at.AddMilliseconds(k), Acknowledges(k) ? "我已知晓，马上照办" : $"今天第{k % 8 + 1}节课的课件已经发到邮箱了");
        }
    }

    private static bool Acknowledges(int member) => member % 3 == 1;

    /// <summary>The directory and the groups, each mapped to its archive room with channel 'archive'.</summary>
    private static async Task SeedAsync(string db, DateTimeOffset now)
    {
        await Seed.PeopleAsync(db, now, [.. Roster.Select((u, i) => (u, i == 0 ? "王主任" : $"老师{i:D2}"))]);
        await using var connection = new NpgsqlConnection(db);
        var chats = Enumerable.Range(0, Groups).Select(g => $"wrkBurst{g:D2}").ToArray();
        await connection.ExecuteAsync("""
            INSERT INTO groups (chat_id, name, webhook_key, owner, issuers, policy, archive_room_id, channel, updated_at)
            SELECT c, c, 'key-' || c, 'boss', '{boss}', @Policy::jsonb, replace(c, 'wrkBurst', 'wrRoomBurst'), 'archive', @now FROM unnest(@chats) AS c;
            INSERT INTO group_members (chat_id, user_id, source, added_at)
            SELECT c, u, 'admin', @now FROM unnest(@chats) AS c CROSS JOIN unnest(@Roster) WITH ORDINALITY AS r(u, n) ORDER BY c, n;
            """, new { chats, Roster, Policy, now = now.ToUniversalTime() });
    }

    private static Task<long> CountAsync(string db, string sql) => Db.ScalarAsync<long>(db, sql);

    private static async Task<long> WaitForAsync(string db, Func<long, bool> reached, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        long count;
        while (!reached(count = await CountAsync(db, "SELECT count(*) FROM inbound_messages")) && clock.Elapsed < within)
            await Task.Delay(50);
        return count;
    }
}
