using System.Text.Json;
using Bot.Host.Health;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Storage;
using Dapper;
using Npgsql;

namespace Bot.Host.Inbound;

public enum ProcessOutcome { Recorded, Ignored, Duplicate }

/// <summary>One callback waiting to be recorded: the parsed message and the decrypted payload it came from.</summary>
public sealed record InboundItem(InboundMessage Message, string Payload);

/// <summary>Records and evaluates a batch of callbacks in one transaction: the seam between batching and storage.</summary>
public interface IInboundBatchProcessor
{
    /// <summary>The outcome of each item, in order, once all of them are committed; throws if nothing was.</summary>
    Task<IReadOnlyList<ProcessOutcome>> ProcessBatchAsync(IReadOnlyList<InboundItem> items, CancellationToken ct);
}

/// <summary>
/// Records a batch of inbound messages, evaluates each, and commits every effect of all of them in one transaction, so
/// that answering WeCom 200 (after the commit) means each message and all it caused are durable. A retry of a recorded
/// message stops at the insert. The batch holds at most one message per group (the <see cref="InboundBatcher"/> sees
/// to it), so each decision sees the committed effects of the group's previous message.
/// </summary>
public sealed class InboundProcessor(
    NpgsqlDataSource dataSource,
    RuleEngine engine,
    ContentScanners scanners,
    OutboxWake outboxWake,
    TimerWake timerWake,
    ILogger<InboundProcessor> logger) : IInboundBatchProcessor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public async Task<IReadOnlyList<ProcessOutcome>> ProcessBatchAsync(IReadOnlyList<InboundItem> items, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // 'received' until its verdicts are written, so the group's recent history read during evaluation excludes it.
        var ids = await InboundStore.TryInsertManyAsync(connection, transaction,
            items.Select(i => new InboundStore.Row(i.Message, i.Message.Kind == MessageKind.Unknown ? "ignored" : "received", i.Payload)).ToList(), ct);

        var outcomes = new ProcessOutcome[items.Count];
        var decisions = new Decision?[items.Count];
        var groupPosts = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var message = items[i].Message;
            outcomes[i] = ids[i] is null ? ProcessOutcome.Duplicate : message.Kind == MessageKind.Unknown ? ProcessOutcome.Ignored : ProcessOutcome.Recorded;
            if (outcomes[i] == ProcessOutcome.Recorded && message.IsGroup) groupPosts.Add(i);
        }

        // Every write that follows the reads goes out in one round trip, for the whole batch.
        var writes = new SqlBatch();
        if (groupPosts.Count > 0) await EvaluateGroupMessagesAsync(connection, transaction, items, ids, groupPosts, decisions, writes, ct);
        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] != ProcessOutcome.Recorded || items[i].Message.IsGroup) continue;
            decisions[i] = items[i].Message is { Kind: MessageKind.Event, EventName: "change_contact/delete_user" }
                ? await OnUserDeletedAsync(connection, transaction, ids[i]!.Value, items[i].Message, ct)
                : new Decision([], []);
        }

        var evaluated = Enumerable.Range(0, items.Count).Where(i => decisions[i] is not null).ToList();
        InboundStore.SetVerdicts(writes, evaluated.Select(i => (ids[i]!.Value, JsonSerializer.Serialize(decisions[i]!.Verdicts, Json))).ToList());
        await writes.ExecuteAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);

        AfterCommit(items, outcomes, decisions);
        return outcomes;
    }

    private void AfterCommit(IReadOnlyList<InboundItem> items, ProcessOutcome[] outcomes, Decision?[] decisions)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var message = items[i].Message;
            if (outcomes[i] == ProcessOutcome.Duplicate)
                logger.LogInformation("Duplicate delivery of {DedupeKey} on {Channel}: already recorded", message.DedupeKey, message.Channel);
            else if (outcomes[i] == ProcessOutcome.Ignored)
                logger.LogInformation("Recorded {DedupeKey} of unknown kind {RawKind}; no rule reads it", message.DedupeKey, message.RawKind);
        }

        var effects = decisions.Where(d => d is not null).SelectMany(d => d!.Effects).ToList();
        foreach (var hit in decisions.Where(d => d is not null).SelectMany(d => d!.Verdicts).Where(v => v.Outcome == Outcome.Hit))
            BotMetrics.RuleHits.WithLabels(hit.Rule, hit.Mode.ToString()).Inc();
        // Wake a worker only when a message gave it work: most messages neither speak nor set a deadline.
        if (effects.Any(e => e is PostToGroup or SendPrivate)) outboxWake.Wake();
        if (effects.Any(e => e is OpenNotice or OpenRectification or RecordRectificationReply)) timerWake.Wake();
    }

    /// <summary>
    /// Group posts: each group locked and its state read in one round trip, then each message judged on its own and its
    /// effects added to <paramref name="writes"/>.
    /// </summary>
    private async Task EvaluateGroupMessagesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<InboundItem> items, long?[] ids, List<int> posts, Decision?[] decisions, SqlBatch writes, CancellationToken ct)
    {
        // One message of a group at a time (the group lock): each decision sees the effects of the one before.
        var states = await GroupStateStore.LoadManyAsync(connection, transaction,
            posts.Select(i => new GroupStateStore.Subject(items[i].Message.ChatId, items[i].Message.SenderId, items[i].Message.ReceivedAt)).ToList(),
            engine.DefaultPolicy, ct, lockGroups: true);
        RosterStore.EnsureGroups(writes,
            posts.Select(i => items[i].Message).Select(m => (m.ChatId, m.Channel == Channel.Robot ? m.ReplyUrl : null, m.ReceivedAt)).ToList());
        var pipeline = RuleEngine.Pipeline(await scanners.CurrentAsync(connection, transaction, ct));

        for (var p = 0; p < posts.Count; p++)
        {
            var (message, id, state) = (items[posts[p]].Message, ids[posts[p]]!.Value, states[p]);
            var decision = pipeline.Evaluate(message, state, message.ReceivedAt);
            EffectWriter.Add(writes,
                new EffectContext($"inbound:{id}", id, message.ChatId, message.SenderId, state, message.ReceivedAt,
                    ResponseUrl: message.Channel == Channel.AiBot ? message.ReplyUrl : null), decision.Effects);
            decisions[posts[p]] = decision;
        }
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
        foreach (var result in Bot.Rules.Moderation.RosterHygiene.OnUserDeleted(userId, name, groups))
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
