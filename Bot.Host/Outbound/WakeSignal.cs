namespace Bot.Host.Outbound;

/// <summary>Wakes a worker early: a committed message that enqueued a send should not wait for the next poll.</summary>
public class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already awake: one pending wake-up is enough */ }
    }

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits for a wake-up or the interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try { await _signal.WaitAsync(linked.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { /* the interval passed */ }
    }
}

/// <summary>Wakes the outbox dispatcher when a commit enqueued something to send.</summary>
public sealed class OutboxWake : WakeSignal;

/// <summary>Wakes the timer worker when a commit scheduled a deadline that may already be due.</summary>
public sealed class TimerWake : WakeSignal;
