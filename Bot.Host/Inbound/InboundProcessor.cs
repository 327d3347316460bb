using System.Text.Json;
using Bot.Host.Health;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Storage;
using Dapper;
using Npgsql;

namespace Bot.Host.Inbound;

public enum ProcessOutcome { Recorded, Ignored, Duplicate }

/// <summary>
/// Records one inbound message, evaluates it, and commits every effect of it in one transaction, so that answering
/// WeCom 200 means the message and all it caused are durable. A retry of a recorded message stops at the insert.
/// </summary>
public sealed class InboundProcessor(
    NpgsqlDataSource dataSource,
    RuleEngine engine,
    ContentScanners scanners,
    OutboxWake outboxWake,
    TimerWake timerWake,
    ILogger<InboundProcessor> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<ProcessOutcome> ProcessAsync(InboundMessage message, string payload, CancellationToken cancellationToken)
    {
        var ignored = message.Kind == MessageKind.Unknown;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // 'received' until its verdicts are written, so the group's recent history read during evaluation excludes it.
        var id = await InboundStore.TryInsertAsync(connection, transaction, message,
            ignored ? "ignored" : "received", "[]", payload, cancellationToken);
        if (id is null)
        {
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Duplicate delivery of {DedupeKey} on {Channel}: already recorded", message.DedupeKey, message.Channel);
            return ProcessOutcome.Duplicate;
        }

        if (ignored)
        {
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Recorded {DedupeKey} of unknown kind {RawKind}; no rule reads it", message.DedupeKey, message.RawKind);
            return ProcessOutcome.Ignored;
        }

        var decision = message switch
        {
            { IsGroup: true } => await EvaluateGroupMessageAsync(connection, transaction, id.Value, message, cancellationToken),
            { Kind: MessageKind.Event, EventName: "change_contact/delete_user" } => await OnUserDeletedAsync(connection, transaction, id.Value, message, cancellationToken),
            _ => new Decision([], []),
        };
        var verdicts = decision.Verdicts;
        await connection.ExecuteAsync(new CommandDefinition("UPDATE inbound_messages SET status = 'evaluated', verdicts = @verdicts::jsonb WHERE id = @id",
            new { id, verdicts = JsonSerializer.Serialize(verdicts, Json) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        foreach (var hit in verdicts.Where(v => v.Outcome == Outcome.Hit))
            BotMetrics.RuleHits.WithLabels(hit.Rule, hit.Mode.ToString()).Inc();
        // Wake a worker only when this message gave it work: most messages neither speak nor set a deadline.
        if (decision.Effects.Any(e => e is PostToGroup or SendPrivate)) outboxWake.Wake();
        if (decision.Effects.Any(e => e is OpenNotice or OpenRectification or RecordRectificationReply)) timerWake.Wake();
        return ProcessOutcome.Recorded;
    }

    private async Task<Decision> EvaluateGroupMessageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long id, InboundMessage message, CancellationToken ct)
    {
        var now = message.ReceivedAt;
        await RosterStore.EnsureGroupAsync(connection, transaction, message.ChatId, message.Channel == Channel.Robot ? message.ReplyUrl : null, now, ct);
        // One message of a group at a time (the group lock): each decision sees the effects of the one before.
        var state = await GroupStateStore.LoadAsync(connection, transaction, message.ChatId, message.SenderId, engine.DefaultPolicy, now, ct, lockGroup: true);
        var scanner = await scanners.CurrentAsync(connection, transaction, ct);

        var decision = RuleEngine.Pipeline(scanner).Evaluate(message, state, now);
        await EffectWriter.ApplyAsync(connection, transaction,
            new EffectContext($"inbound:{id}", id, message.ChatId, message.SenderId, state, now,
                ResponseUrl: message.Channel == Channel.AiBot ? message.ReplyUrl : null), decision.Effects, ct);
        return decision;
    }

    /// <summary>离职即删: a person deleted from the directory is reported to the owner of each group still listing them.</summary>
    private async Task<Decision> OnUserDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long id, InboundMessage message, CancellationToken ct)
    {
        var userId = message.Text;
        var chatIds = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT chat_id FROM group_members WHERE user_id = @userId", new { userId }, transaction, cancellationToken: ct));
        var groups = new List<Bot.Rules.State.GroupInfo>();
        foreach (var chatId in chatIds)
            if (await GroupStateStore.LoadGroupAsync(connection, transaction, chatId, ct) is { } group) groups.Add(group);
        var name = (await GroupStateStore.LoadPeopleAsync(connection, transaction, [userId], ct)).GetValueOrDefault(userId)?.Name;

        var verdicts = new List<Verdict>();
        var effects = new List<Effect>();
        foreach (var result in RosterHygiene.OnUserDeleted(userId, name, groups))
        {
            var state = await GroupStateStore.LoadAsync(connection, transaction, result.ChatId, userId, engine.DefaultPolicy, message.ReceivedAt, ct);
            await EffectWriter.ApplyAsync(connection, transaction,
                new EffectContext($"inbound:{id}:{result.ChatId}", id, result.ChatId, userId, state, message.ReceivedAt), result.Effects, ct);
            verdicts.Add(result.Verdict);
            effects.AddRange(result.Effects);
        }

        logger.LogInformation("Directory deletion of {UserId}: {Groups} group(s) still list them", userId, verdicts.Count);
        return new Decision(verdicts, effects);
    }
}
