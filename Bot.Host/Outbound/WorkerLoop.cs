using Bot.Storage;

namespace Bot.Host.Outbound;

/// <summary>
/// The loop of a background worker: a pass, then, when the pass found nothing to do, a wait for a wake-up or the poll
/// interval. A database outage pauses it (the next pass tries again). Any other failure of a pass is logged and the loop
/// goes on: the items a pass handles are isolated one by one, and a worker never stops the host.
/// </summary>
internal static class WorkerLoop
{
    /// <param name="pass">One pass; returns how many items it handled.</param>
    /// <param name="onUnavailable">Called when a pass found the database out.</param>
    public static async Task RunAsync(string worker, Func<CancellationToken, Task<int>> pass, WakeSignal wake, TimeSpan interval, TimeProvider time,
        ILogger logger, CancellationToken stoppingToken, Action? onUnavailable = null)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await pass(stoppingToken);
            }
            catch (Exception ex) when (DatabaseFaults.IsUnavailable(ex))
            {
                onUnavailable?.Invoke();
                logger.LogWarning("{Worker} paused: the database is unavailable ({Reason})", worker, ex.Message);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Worker} pass failed; trying again in {Interval}", worker, interval);
            }

            if (handled == 0) await wake.WaitAsync(interval, time, stoppingToken);
        }
    }
}
