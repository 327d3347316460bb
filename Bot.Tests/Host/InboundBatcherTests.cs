using System.Collections.Concurrent;
using Bot.Host.Inbound;
using Bot.Host.Spool;
using Bot.Rules.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>
/// The group commit in front of the database, against a scripted processor: what it promises is the order of each
/// group's messages, never one group in two transactions at once, and that one bad message fails alone.
/// </summary>
public class InboundBatcherTests
{
    [Test]
    public async Task Messages_that_arrive_together_share_one_transaction_up_to_the_batch_size()
    {
        var processor = new ScriptedProcessor { Hold = true };
        var batcher = await StartAsync(processor, maxBatchSize: 5, concurrentBatches: 1);

        var first = batcher.SubmitAsync(Post("g0", "m0"), "", default);
        await processor.WaitForBatchesAsync(1);
        // While the first transaction runs, twelve more arrive: they go out as 5, 5 and 2.
        var rest = Enumerable.Range(1, 12).Select(i => batcher.SubmitAsync(Post($"g{i}", $"m{i}"), "", default)).ToList();
        processor.Hold = false;
        processor.Release();
        await Task.WhenAll(rest.Append(first));

        Assert.That(processor.Batches.Select(b => b.Count), Is.EqualTo(new[] { 1, 5, 5, 2 }));
    }

    [Test]
    public async Task A_group_is_never_in_two_running_batches_and_its_messages_keep_their_order()
    {
        var processor = new ScriptedProcessor();
        var batcher = await StartAsync(processor, maxBatchSize: 64, concurrentBatches: 3);

        // 4 groups, 25 messages each, submitted from many threads at once but each group's in a known order.
        var groups = Enumerable.Range(0, 4).Select(g => $"g{g}").ToList();
        var submitted = new List<Task<ProcessOutcome>>();
        for (var n = 0; n < 25; n++)
            foreach (var group in groups)
                submitted.Add(batcher.SubmitAsync(Post(group, $"{group}-{n:D2}"), "", default));
        await Task.WhenAll(submitted);

        Assert.Multiple(() =>
        {
            Assert.That(processor.MaxConcurrentGroupOverlap, Is.EqualTo(0), "no group in two running batches");
            foreach (var group in groups)
                Assert.That(processor.Processed.Where(m => m.ChatId == group).Select(m => m.DedupeKey),
                    Is.EqualTo(Enumerable.Range(0, 25).Select(n => $"{group}-{n:D2}")), $"{group} in arrival order");
            Assert.That(processor.MaxRunning, Is.LessThanOrEqualTo(3), "at most ConcurrentBatches transactions at once");
        });
    }

    [Test]
    public async Task One_message_that_breaks_its_batch_is_recorded_as_failed_alone_and_its_neighbours_are_recorded()
    {
        var processor = new ScriptedProcessor { Hold = true, Poison = "bad" };
        var batcher = await StartAsync(processor, maxBatchSize: 10, concurrentBatches: 1);

        var warmup = batcher.SubmitAsync(Post("g0", "m0"), "", default);
        await processor.WaitForBatchesAsync(1);
        var good = Enumerable.Range(1, 4).Select(i => batcher.SubmitAsync(Post($"g{i}", $"m{i}"), "", default)).ToList();
        var bad = batcher.SubmitAsync(Post("g9", "bad"), "", default);
        processor.Hold = false;
        processor.Release();

        Assert.That(await Task.WhenAll(good.Append(warmup)), Is.All.EqualTo(ProcessOutcome.Recorded));
        Assert.That(await bad, Is.EqualTo(ProcessOutcome.Failed), "kept with its exception, answered 200: retrying would fail the same way");
        Assert.That(processor.RecordedFailed, Is.EqualTo(new[] { "bad: InvalidOperationException" }));
        Assert.That(processor.Batches.Skip(1).Select(b => b.Count), Is.EqualTo(new[] { 5, 1, 1, 1, 1, 1 }), "the batch of five failed, then each was tried alone");
    }

    [Test]
    public async Task When_the_database_cannot_be_reached_the_batch_is_spooled_at_once_and_so_is_everything_after_it()
    {
        var processor = new ScriptedProcessor { Hold = true, Unreachable = true };
        var batcher = await StartAsync(processor, maxBatchSize: 10, concurrentBatches: 1);

        var first = batcher.SubmitAsync(Post("g0", "m0"), "", default);
        await processor.WaitForBatchesAsync(1);
        var rest = Enumerable.Range(1, 6).Select(i => batcher.SubmitAsync(Post($"g{i}", $"m{i}"), "", default)).ToList();
        processor.Hold = false;
        processor.Release();
        var outcomes = await Task.WhenAll(rest.Prepend(first));
        var later = await batcher.SubmitAsync(Post("g0", "m7"), "", default);

        Assert.That(outcomes, Is.All.EqualTo(ProcessOutcome.Spooled), "on disk, so answered 200");
        Assert.That(later, Is.EqualTo(ProcessOutcome.Spooled), "queued behind what waits in the spool, not judged ahead of it");
        Assert.That(processor.Batches.Select(b => b.Count), Is.EqualTo(new[] { 1 }), "one attempt; then the rest queue behind the spool without trying the database");
        Assert.That(_spool!.ReadNext(100).Items.Select(i => i.Message.DedupeKey), Is.EqualTo(new[] { "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7" }));
    }

    [Test]
    public async Task Past_MaxWaiting_a_callback_is_refused_at_once_and_the_ones_waiting_are_recorded()
    {
        var processor = new ScriptedProcessor { Hold = true };
        var batcher = await StartAsync(processor, maxBatchSize: 10, concurrentBatches: 1, maxWaiting: 3);

        var waiting = Enumerable.Range(0, 3).Select(i => batcher.SubmitAsync(Post($"g{i}", $"m{i}"), "", default)).ToList();
        var refused = Assert.Throws<InboundUnavailableException>(() => batcher.SubmitAsync(Post("g9", "m9"), "", default));
        processor.Hold = false;
        processor.Release();

        Assert.That(refused!.Message, Does.Contain("Inbound:MaxWaiting"));
        Assert.That(await Task.WhenAll(waiting), Is.All.EqualTo(ProcessOutcome.Recorded));
        Assert.That(await batcher.SubmitAsync(Post("g9", "m9"), "", default), Is.EqualTo(ProcessOutcome.Recorded), "room again once they are done");
    }

    [Test]
    public async Task Stopping_refuses_what_never_reached_a_transaction_and_waits_for_what_did()
    {
        var processor = new ScriptedProcessor { Hold = true };
        var batcher = await StartAsync(processor, maxBatchSize: 10, concurrentBatches: 1);

        var running = batcher.SubmitAsync(Post("g0", "m0"), "", default);
        await processor.WaitForBatchesAsync(1);
        // Same group as the running message: it waits for that one, so it has not reached a transaction.
        var waiting = batcher.SubmitAsync(Post("g0", "m1"), "", default);
        await Task.Delay(50);
        var stopping = batcher.StopAsync(default);

        Assert.That(Assert.CatchAsync(async () => await waiting), Is.InstanceOf<TimeoutException>(), "answered 503, so WeCom delivers it again");
        Assert.That(stopping.IsCompleted, Is.False, "stopping waits for the transaction that started");
        processor.Hold = false;
        processor.Release();
        await stopping;
        Assert.That(await running, Is.EqualTo(ProcessOutcome.Recorded), "a transaction that started finishes");
        Assert.That(() => batcher.SubmitAsync(Post("g1", "m2"), "", default), Throws.InstanceOf<TimeoutException>());
    }

    private readonly List<InboundBatcher> _started = [];
    private InboundSpool? _spool;
    private string? _spoolDirectory;

    [TearDown]
    public async Task StopBatchers()
    {
        foreach (var batcher in _started)
        {
            await batcher.StopAsync(default);
            batcher.Dispose();
        }

        _started.Clear();
        _spool?.Dispose();
        if (_spoolDirectory is not null) Directory.Delete(_spoolDirectory, recursive: true);
    }

    private async Task<InboundBatcher> StartAsync(ScriptedProcessor processor, int maxBatchSize, int concurrentBatches, int maxWaiting = 5000)
    {
        _spoolDirectory = Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");
        _spool = InboundSpool.Open(_spoolDirectory, "batcher-test", 16 * 1024 * 1024, NullLogger.Instance);
        var batcher = new InboundBatcher(processor, _spool, new SpoolWake(),
            Options.Create(new InboundOptions { MaxBatchSize = maxBatchSize, ConcurrentBatches = concurrentBatches, MaxWaiting = maxWaiting }),
            NullLogger<InboundBatcher>.Instance);
        _started.Add(batcher);
        await batcher.StartAsync(default);
        return batcher;
    }

    private static InboundMessage Post(string chatId, string msgId) =>
        new(msgId, Channel.Robot, chatId, ChatType.Group, "u1", "张老师", MessageKind.Text, "text", "收到", [], null, null, null,
            DateTimeOffset.UnixEpoch);

    /// <summary>Records what it is given; can hold batches until released, fail on a poison message, or fail like a dead database.</summary>
    private sealed class ScriptedProcessor : IInboundBatchProcessor
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _running = new();
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runningBatches;

        public volatile bool Hold;
        public string? Poison { get; init; }
        public bool Unreachable { get; init; }
        public ConcurrentQueue<IReadOnlyList<InboundItem>> BatchQueue { get; } = new();
        public IReadOnlyList<IReadOnlyList<InboundItem>> Batches => [.. BatchQueue];
        public ConcurrentQueue<InboundMessage> ProcessedQueue { get; } = new();
        public ConcurrentQueue<string> RecordedFailedQueue { get; } = new();
        public IReadOnlyList<string> RecordedFailed => [.. RecordedFailedQueue];
        public IReadOnlyList<InboundMessage> Processed => [.. ProcessedQueue];
        public int MaxConcurrentGroupOverlap { get; private set; }
        public int MaxRunning { get; private set; }

        public void Release() => _release.TrySetResult();

        public async Task WaitForBatchesAsync(int count)
        {
            for (var i = 0; i < 500 && BatchQueue.Count < count; i++) await Task.Delay(10);
        }

        public Task<ProcessOutcome> RecordFailedAsync(InboundItem item, Exception exception, CancellationToken ct)
        {
            RecordedFailedQueue.Enqueue($"{item.Message.DedupeKey}: {exception.GetType().Name}");
            return Task.FromResult(ProcessOutcome.Failed);
        }

        public async Task<IReadOnlyList<ProcessOutcome>> ProcessBatchAsync(IReadOnlyList<InboundItem> items, CancellationToken ct)
        {
            BatchQueue.Enqueue(items);
            lock (_gate)
            {
                foreach (var chatId in items.Select(i => i.Message.ChatId).Distinct())
                    if (!_running.Add(chatId)) MaxConcurrentGroupOverlap++;
                MaxRunning = Math.Max(MaxRunning, ++_runningBatches);
            }

            try
            {
                if (Hold) await _release.Task;
                else await Task.Yield();
                if (Unreachable) throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));
                if (items.Any(i => i.Message.DedupeKey == Poison)) throw new InvalidOperationException("poison");
                foreach (var item in items) ProcessedQueue.Enqueue(item.Message);
                return items.Select(_ => ProcessOutcome.Recorded).ToList();
            }
            finally
            {
                lock (_gate)
                {
                    foreach (var chatId in items.Select(i => i.Message.ChatId).Distinct()) _running.Remove(chatId);
                    _runningBatches--;
                }
            }
        }
    }
}
