using System.Threading.Channels;
using Bot.Host.Spool;
using Bot.Storage;
using InboundMessage = Bot.Rules.Messages.InboundMessage;
using Microsoft.Extensions.Options;

namespace Bot.Host.Inbound;

/// <summary>
/// Groups the callbacks that arrive together into one transaction each (group commit), so that a busy host pays one
/// set of round trips and one commit for many messages instead of one per message. Each callback is still answered
/// only after the transaction holding it commits.
/// <para>
/// Order within a group is kept: a batch takes a group's messages in the order they arrived (the processor judges them
/// in that order), and a group with messages in a running batch waits for it, so every decision sees the effects of the
/// group's previous message. Batches start as soon as a slot is free; under load the next batch is whatever arrived
/// meanwhile, so there is no timer to tune and no added latency when the host is idle.
/// </para>
/// <para>
/// While the database is out, a batch goes to the <see cref="InboundSpool"/> instead (on disk before it is answered), and
/// so does every batch after it until the spool is replayed, so that no group's later message is judged before an
/// earlier one. At most <c>Inbound:MaxWaiting</c> callbacks wait at once; past that they are refused (503).
/// </para>
/// <para>
/// <see cref="SubmitAsync"/> is the entry point of every inbound channel, HTTP or not.
/// </para>
/// </summary>
public sealed partial class InboundBatcher(IInboundBatchProcessor processor, InboundSpool spool, SpoolWake spoolWake, IOptions<InboundOptions> options,
    ILogger<InboundBatcher> logger) : BackgroundService
{
    private sealed record Pending(InboundItem Item, string OrderKey, TaskCompletionSource<ProcessOutcome> Done);

    private readonly Channel<Pending> _arrivals = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _batchFinished = new(0);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private int _running;
    private int _waiting;

    /// <summary>
    /// Records, evaluates and commits the message, or spools it while the database is out; completes once it is durable
    /// (or throws what stopped it: <see cref="InboundUnavailableException"/> when it cannot be taken now).
    /// </summary>
    public Task<ProcessOutcome> SubmitAsync(InboundMessage message, string payload, CancellationToken cancellationToken)
    {
        var pending = new Pending(new InboundItem(message, payload), OrderKeyOf(message),
            new TaskCompletionSource<ProcessOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        // Bounded so that a flood (or a stalled database) costs memory only up to a limit: beyond it a callback would
        // wait past WeCom's 5 s anyway, and a quick 503 lets WeCom retry it later.
        if (Interlocked.Increment(ref _waiting) > options.Value.MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            throw new InboundUnavailableException($"{options.Value.MaxWaiting} callbacks are already waiting (Inbound:MaxWaiting); retry later");
        }

        pending.Done.Task.ContinueWith(_ => Interlocked.Decrement(ref _waiting), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!_arrivals.Writer.TryWrite(pending))
        {
            pending.Done.TrySetException(new TimeoutException("the host is stopping; WeCom will deliver the message again"));
            throw new TimeoutException("the host is stopping; WeCom will deliver the message again");
        }

        // A caller that gives up (WeCom hung up) does not cancel the batch: the message is recorded all the same.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    // Messages of one group are kept in order; anything else needs only its deliveries kept in order.
    private static string OrderKeyOf(InboundMessage message) =>
        message.IsGroup ? "group:" + message.ChatId : "message:" + message.DedupeKey;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limits = options.Value;
        var waiting = new List<Pending>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (waiting.Count == 0 && !await _arrivals.Reader.WaitToReadAsync(stoppingToken)) break;
                while (Volatile.Read(ref _running) >= limits.ConcurrentBatches) await _batchFinished.WaitAsync(stoppingToken);

                var batch = TakeBatch(waiting, limits.MaxBatchSize);
                // Everything that arrived belongs to groups with a message in a running batch: wait for one to finish.
                if (batch.Count == 0) await _batchFinished.WaitAsync(stoppingToken);
                else Track(RunAsync(batch));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: what never reached a transaction is refused, so WeCom delivers it again (to this host once it is back,
        // or to another replica). Running batches finish; StopAsync waits for them.
        _arrivals.Writer.TryComplete();
        while (_arrivals.Reader.TryRead(out var late)) waiting.Add(late);
        foreach (var pending in waiting) pending.Done.TrySetException(new TimeoutException("the host is stopping; WeCom will deliver the message again"));
    }

    /// <summary>
    /// The next batch: waiting messages first, then new arrivals, in arrival order, skipping any whose group has messages
    /// in a running batch (those wait, still in order). Marks the batch's groups as running.
    /// </summary>
    private List<Pending> TakeBatch(List<Pending> waiting, int maxBatchSize)
    {
        var batch = new List<Pending>();
        var stillWaiting = new List<Pending>();
        lock (_gate)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            void Consider(Pending pending)
            {
                if (batch.Count < maxBatchSize && !_inFlight.Contains(pending.OrderKey))
                {
                    batch.Add(pending);
                    taken.Add(pending.OrderKey);
                }
                else
                {
                    stillWaiting.Add(pending);
                }
            }

            foreach (var pending in waiting) Consider(pending);
            while (batch.Count < maxBatchSize && _arrivals.Reader.TryRead(out var arrival)) Consider(arrival);
            if (batch.Count > 0)
            {
                _inFlight.UnionWith(taken);
                _running++;
            }
        }

        waiting.Clear();
        waiting.AddRange(stillWaiting);
        return batch;
    }

    private readonly HashSet<Task> _runningBatches = [];

    private void Track(Task running)
    {
        lock (_gate) _runningBatches.Add(running);
        running.ContinueWith(done => { lock (_gate) _runningBatches.Remove(done); }, TaskScheduler.Default);
    }

    /// <summary>Stops taking batches, then waits for the running ones: their callers are owed an answer that matches what is stored.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_gate) running = [.. _runningBatches];
        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    private async Task RunAsync(List<Pending> batch)
    {
        try
        {
            await ProcessAsync(batch);
        }
        finally
        {
            lock (_gate)
            {
                foreach (var pending in batch) _inFlight.Remove(pending.OrderKey);
                _running--;
            }

            _batchFinished.Release();
        }
    }

    private async Task ProcessAsync(List<Pending> batch)
    {
        var items = batch.Select(p => p.Item).ToList();
        try
        {
            // Once anything waits in the spool, later callbacks queue behind it there: judged now, a group's later
            // message would overtake its earlier one.
            Complete(batch, spool.HasRecords ? await SpoolAsync(items) : await IsolatedBatch.ProcessAsync(processor, items, logger));
        }
        catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
        {
            LogDatabaseUnavailable(ex.Message, batch.Count);
            await SpoolOrFailAsync(batch, items);
        }
        catch (Exception ex)
        {
            foreach (var pending in batch) pending.Done.TrySetException(ex);
        }
    }

    private async Task SpoolOrFailAsync(List<Pending> batch, List<InboundItem> items)
    {
        try
        {
            Complete(batch, await SpoolAsync(items));
        }
        catch (Exception ex)
        {
            foreach (var pending in batch) pending.Done.TrySetException(ex);
        }
    }

    private async Task<IReadOnlyList<ProcessOutcome>> SpoolAsync(List<InboundItem> items)
    {
        var outcomes = await spool.AppendAsync(items);
        spoolWake.Wake();
        return outcomes;
    }

    private static void Complete(List<Pending> batch, IReadOnlyList<ProcessOutcome> outcomes)
    {
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(outcomes[i]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable ({Reason}): spooling a batch of {Count} callbacks")]
    private partial void LogDatabaseUnavailable(string reason, int count);
}
