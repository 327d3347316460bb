using Bot.Host.Health;
using Bot.Storage;

namespace Bot.Host.Inbound;

/// <summary>
/// Runs a batch through the processor so that one bad message fails alone: a batch that throws for any reason but a
/// database outage is tried again message by message, and a message that throws on its own is recorded as failed,
/// with the exception, instead of being judged (it would throw again on every retry). Callbacks and the spool's
/// replay both go through here, so neither can be stopped by one message. A database outage is thrown to the caller,
/// who spools or waits: every message would fail alike.
/// </summary>
public static partial class IsolatedBatch
{
    public static async Task<IReadOnlyList<ProcessOutcome>> ProcessAsync(IInboundBatchProcessor processor, IReadOnlyList<InboundItem> items, ILogger logger)
    {
        try
        {
            // Not a caller's token: once a batch starts, it finishes, so that what WeCom was told matches what is stored.
            return await processor.ProcessBatchAsync(items, CancellationToken.None);
        }
        catch (Exception ex) when (items.Count > 1 && !DatabaseFaults.IsUnavailable(ex))
        {
            LogBatchFailed(logger, ex, items.Count);
            var outcomes = new List<ProcessOutcome>(items.Count);
            foreach (var item in items) outcomes.Add((await ProcessAsync(processor, [item], logger))[0]);
            return outcomes;
        }
        catch (Exception ex) when (!DatabaseFaults.IsUnavailable(ex))
        {
            var message = items[0].Message;
            BotMetrics.ItemsFailed.WithLabels("inbound").Inc();
            LogMessageFailed(logger, ex, message.DedupeKey, message.Channel, $"{ex.GetType().Name}: {ex.Message}");
            return [await processor.RecordFailedAsync(items[0], ex, CancellationToken.None)];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} callbacks failed; trying each alone")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Judging {DedupeKey} on {Channel} threw; recorded as failed and not judged: {Error}")]
    private static partial void LogMessageFailed(ILogger logger, Exception ex, string dedupeKey, Bot.Rules.Messages.Channel channel, string error);
}
