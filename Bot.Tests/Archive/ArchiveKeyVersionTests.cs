using Bot.Tests.Support;

namespace Bot.Tests.Archive;

/// <summary>
/// The corp rotates its archive key: WeCom encrypts new records with public key version 2 before the bot has the private
/// key. Skipping them would lose replies (and name members who did reply), so reading stops at the first such record,
/// naming the key to set; once the host restarts with it, every record is read, each once.
/// </summary>
[NonParallelizable]
public class ArchiveKeyVersionTests
{
    private static readonly string[] Members = ["wang", "t1", "t2"];

    [Test]
    public async Task A_record_of_a_key_version_not_configured_stops_reading_until_the_key_is_set()
    {
        using var archive = new StandInArchive([1]);
        var start = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
        string database;
        await using (var bot = await ArchiveBot.StartAsync(start, archive))
        {
            database = bot.ConnectionString;
            await bot.Bot.SeedGroupAsync("wrkKeys", "群", "key-keys", "wang", Members, ["wang"]);
            Assert.That(await bot.MapAsync("wrkKeys", "wrRoomKeys", "archive"), Is.EqualTo(200));
            archive.AddKey(2);
            archive.Text("wrRoomKeys", "t1", Members, start, "第一条", version: 1);
            archive.Text("wrRoomKeys", "t1", Members, start, "第二条", version: 2);
            archive.Text("wrRoomKeys", "t2", Members, start, "第三条", version: 1);

            var polls = await bot.PollAsync();

            Assert.That(polls[^1].Problem, Does.Contain("WeCom:Archive:PrivateKeys:2"));
            Assert.That(await TextsAsync(database), Is.EqualTo(new[] { "第一条" }), "nothing after the record it cannot read");
            Assert.That(polls[^1].CaughtUp, Is.False, "deadlines of archive groups keep waiting");
        }

        // The office sets the new key and restarts the host.
        await using (var restarted = await ArchiveBot.StartAsync(start.AddMinutes(5), archive, connectionString: database, keyVersions: [1, 2]))
        {
            Assert.That(await TextsAsync(database), Is.EqualTo(new[] { "第一条", "第二条", "第三条" }), "each record once, in order");
            Assert.That(await Db.ScalarAsync<long>(database, "SELECT seq FROM archive_cursor"), Is.EqualTo(archive.LastSeq));
        }
    }

    private static Task<IReadOnlyList<string>> TextsAsync(string database) =>
        Db.QueryAsync<string>(database, "SELECT text FROM inbound_messages WHERE chat_id = 'wrkKeys' ORDER BY received_at, id");
}
