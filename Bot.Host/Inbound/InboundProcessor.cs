using Bot.Rules.Messages;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Inbound;

public enum ProcessOutcome { Recorded, Ignored, Duplicate }

/// <summary>
/// Records one inbound message and commits every effect of it in one transaction, so that answering WeCom 200 means
/// the message and all it caused are durable. A retry of a recorded message stops at the insert.
/// </summary>
public sealed class InboundProcessor(NpgsqlDataSource dataSource, ILogger<InboundProcessor> logger)
{
    public async Task<ProcessOutcome> ProcessAsync(InboundMessage message, string payload, CancellationToken cancellationToken)
    {
        var ignored = message.Kind == MessageKind.Unknown;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await InboundStore.TryInsertAsync(connection, transaction, message,
            ignored ? "ignored" : "evaluated", "[]", payload, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (id is null)
        {
            logger.LogInformation("Duplicate delivery of {DedupeKey} on {Channel}: already recorded", message.DedupeKey, message.Channel);
            return ProcessOutcome.Duplicate;
        }

        if (ignored)
            logger.LogInformation("Recorded {DedupeKey} of unknown kind {RawKind}; no rule reads it", message.DedupeKey, message.RawKind);
        return ignored ? ProcessOutcome.Ignored : ProcessOutcome.Recorded;
    }
}
