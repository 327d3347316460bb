using Bot.Host.Health;
using Bot.Host.Inbound;
using Bot.Host.Outbound;
using Bot.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Host.Spool;

/// <summary>Wakes the replayer when callbacks were spooled.</summary>
public sealed class SpoolWake : WakeSignal;

/// <summary>
/// Replays the spool into the database once it answers again: the records in the order they arrived, a batch at a time,
/// through the same processing as live callbacks (so each is deduplicated, judged and committed with its effects), and
/// empties the file only after everything in it is committed. A crash in the middle replays from the start of the file;
/// what was already committed is then a duplicate and changes nothing.
/// </summary>
public sealed class SpoolReplayer(
    InboundSpool spool,
    IInboundBatchProcessor processor,
    Npgsql.NpgsqlDataSource dataSource,
    SpoolWake wake,
    IOptions<InboundOptions> inbound,
    IOptions<OutboxOptions> workers,
    TimeProvider time,
    ILogger<SpoolReplayer> logger) : BackgroundService
{
    // While the database is out, each pass fails at once and the next comes after the poll interval.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => workers.Value.BackgroundWorkers
        ? WorkerLoop.RunAsync("Spool replay", ReplayOnceAsync, wake, workers.Value.PollInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    // Set at start: a mark this host left before a crash is cleared on the first pass with an empty spool.
    private bool _marked = true;

    /// <summary>Replays the next batch of spooled callbacks; returns how many records it consumed (0: nothing waits).</summary>
    public async Task<int> ReplayOnceAsync(CancellationToken ct)
    {
        var chunk = spool.ReadNext(inbound.Value.MaxBatchSize);
        if (chunk.Items.Count > 0)
        {
            // First, so that the deadlines these callbacks may answer wait on every replica until they are in.
            await SpoolBacklogStore.MarkAsync(dataSource, spool.Host, chunk.Items[0].Message.ReceivedAt, time.GetUtcNow(), ct);
            _marked = true;
            foreach (var outcome in await IsolatedBatch.ProcessAsync(processor, chunk.Items, logger))
                BotMetrics.SpoolReplayed.WithLabels(outcome.ToString().ToLowerInvariant()).Inc();
        }

        if (chunk.Consumed > 0) spool.Replayed(chunk);
        ct.ThrowIfCancellationRequested();
        await spool.TryTruncateAsync();
        if (_marked && !spool.HasRecords)
        {
            await SpoolBacklogStore.ClearAsync(dataSource, spool.Host, ct);
            _marked = false;
        }

        return chunk.Consumed;
    }
}
