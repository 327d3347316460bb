using Bot.Host.Inbound;
using Bot.Host.Spool;
using Bot.Rules.Messages;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Spool;

/// <summary>The spool file on its own: what survives a crash in the middle of a write, damage, a full disk budget, and a host that is gone.</summary>
public class InboundSpoolTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_record_torn_by_a_crash_is_cut_off_with_a_log_line_and_the_records_before_it_are_replayed_into_the_database()
    {
        var host = Environment.MachineName;
        await WriteAsync(host, Post("torn-1", "第一条"), Post("torn-2", "第二条"), Post("torn-3", "第三条"));
        // The crash came in the middle of the fourth append: its header and half its body reached the disk.
        var fourth = SpoolBytes(Post("torn-4", "第四条"));
        await using (var file = new FileStream(Path.Combine(_directory, host + ".spool"), FileMode.Append))
            await file.WriteAsync(fourth.AsMemory(0, fourth.Length / 2));

        var logs = new CapturedLogs();
        await using var bot = await BotWithFakeWeCom.StartAsync(Morning, new Dictionary<string, string?> { ["Spool:Directory"] = _directory },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var replayer = bot.Factory.Services.GetRequiredService<SpoolReplayer>();
        while (await replayer.ReplayOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.That(logs.AllText, Does.Contain("cut off a torn record at byte").And.Contain("never answered 200"));
        Assert.That(await Db.QueryAsync<string>(bot.ConnectionString, "SELECT dedupe_key FROM inbound_messages ORDER BY id"),
            Is.EqualTo(new[] { "torn-1", "torn-2", "torn-3" }), "the whole records, in the order they arrived");
        Assert.That(new FileInfo(Path.Combine(_directory, host + ".spool")).Length, Is.Zero, "emptied once everything in it was committed");
        Assert.That(bot.Factory.Services.GetRequiredService<InboundSpool>().HasRecords, Is.False);
    }

    [Test]
    public async Task A_record_damaged_on_disk_is_skipped_with_a_log_line_and_the_records_around_it_are_read()
    {
        await WriteAsync("damaged", Post("d-1", "第一条"), Post("d-2", "第二条"), Post("d-3", "第三条"));
        var path = Path.Combine(_directory, "damaged.spool");
        var bytes = await File.ReadAllBytesAsync(path);
        var second = SpoolBytes(Post("d-1", "第一条")).Length + 20;
        bytes[second] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var logs = new CapturedLogs();
        using var spool = InboundSpool.Open(_directory, "damaged", 16 * 1024 * 1024, logs.CreateLogger("spool"));
        var chunk = spool.ReadNext(10);

        Assert.That(chunk.Items.Select(i => i.Message.DedupeKey), Is.EqualTo(new[] { "d-1", "d-3" }));
        Assert.That(chunk.Consumed, Is.EqualTo(3));
        Assert.That(logs.AllText, Does.Contain("skipped the damaged record at byte"));
    }

    [Test]
    public async Task A_full_spool_refuses_the_whole_batch_naming_its_limit_and_keeps_what_it_has()
    {
        using var spool = InboundSpool.Open(_directory, "full", 4096, NullLogger.Instance);
        await spool.AppendAsync([Post("f-1", new string('长', 500))]);

        var refused = Assert.ThrowsAsync<InboundUnavailableException>(() => spool.AppendAsync([Post("f-2", "短"), Post("f-3", new string('长', 900))]));

        Assert.That(refused!.Message, Does.Contain("spool is full").And.Contain("Spool:MaxBytes"));
        Assert.That(spool.ReadNext(10).Items.Select(i => i.Message.DedupeKey), Is.EqualTo(new[] { "f-1" }), "all or nothing");
    }

    [Test]
    public async Task The_spool_of_a_host_that_is_gone_is_taken_over_and_a_live_hosts_spool_is_left_alone()
    {
        using var live = InboundSpool.Open(_directory, "live-replica", 16 * 1024 * 1024, NullLogger.Instance);
        await live.AppendAsync([Post("l-1", "另一台")]);
        await WriteAsync("old-container", Post("o-1", "第一条"), Post("o-2", "第二条"));

        using var spool = InboundSpool.Open(_directory, "new-container", 16 * 1024 * 1024, NullLogger.Instance);

        Assert.That(spool.ReadNext(10).Items.Select(i => i.Message.DedupeKey), Is.EqualTo(new[] { "o-1", "o-2" }));
        Assert.That(File.Exists(Path.Combine(_directory, "old-container.spool")), Is.False);
        Assert.That(live.Depth.Records, Is.EqualTo(1), "a file another process holds is not touched");
        Assert.That(() => InboundSpool.Open(_directory, "live-replica", 16 * 1024 * 1024, NullLogger.Instance),
            Throws.InstanceOf<IOException>().With.Message.Contains("in use by another process"));
    }

    private async Task WriteAsync(string host, params InboundItem[] items)
    {
        using var spool = InboundSpool.Open(_directory, host, 16 * 1024 * 1024, NullLogger.Instance);
        await spool.AppendAsync(items);
    }

    private byte[] SpoolBytes(InboundItem item)
    {
        var directory = Path.Combine(_directory, "encode");
        using (var spool = InboundSpool.Open(directory, "encode", 16 * 1024 * 1024, NullLogger.Instance))
            spool.AppendAsync([item]).GetAwaiter().GetResult();
        var bytes = File.ReadAllBytes(Path.Combine(directory, "encode.spool"));
        Directory.Delete(directory, recursive: true);
        return bytes;
    }

    private static InboundItem Post(string msgId, string text) =>
        new(new InboundMessage(msgId, Channel.Robot, "wrkSpool", ChatType.Group, "t1", "张老师", MessageKind.Text, "text", text, [], null, null, null, Morning),
            Payloads.RobotText(msgId, "wrkSpool", "t1", "张老师", text));
}
