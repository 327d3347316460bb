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
/// message changes nothing. The batch holds at most one message per group (the <see cref="InboundBatcher"/> sees to
/// it), so each decision sees the committed effects of the group's previous message.
/// <para>
/// Four round trips per batch: claim (locks, duplicates, ids), read (every group's state), write (messages, final, with
/// their verdicts, then every effect), commit. A message is written once, never inserted and then updated.
/// </para>
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

    /// <summary>What one message caused: its verdicts, and the effects to write with the context each needs.</summary>
    private sealed record Judged(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<(EffectContext Context, IReadOnlyList<Effect> Effects)> Writes)
    {
        public static readonly Judged Nothing = new([], []);

        public IEnumerable<Effect> Effects => Writes.SelectMany(w => w.Effects);
    }

    public async Task<IReadOnlyList<ProcessOutcome>> ProcessBatchAsync(IReadOnlyList<InboundItem> items, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claim = await InboundStore.ClaimAsync(connection, transaction,
            items.Select(i => LockKeyOf(i.Message)).ToList(), items.Select(i => i.Message.DedupeKey).ToList(), ct);

        var outcomes = items.Select(i =>
            claim.AlreadyRecorded.Contains(i.Message.DedupeKey) ? ProcessOutcome.Duplicate
            : i.Message.Kind == MessageKind.Unknown ? ProcessOutcome.Ignored
            : ProcessOutcome.Recorded).ToArray();
        var judged = new Judged?[items.Count];
        var posts = Enumerable.Range(0, items.Count).Where(i => outcomes[i] == ProcessOutcome.Recorded && items[i].Message.IsGroup).ToList();
        if (posts.Count > 0) await JudgeGroupPostsAsync(connection, transaction, items, claim.Ids, posts, judged, ct);
        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] != ProcessOutcome.Recorded || items[i].Message.IsGroup) continue;
            judged[i] = items[i].Message is { Kind: MessageKind.Event, EventName: "change_contact/delete_user" }
                ? await OnUserDeletedAsync(connection, transaction, claim.Ids[i], items[i].Message, ct)
                : Judged.Nothing;
        }

        // Every write goes out in one round trip, for the whole batch: the groups, the messages (before the effects that
        // refer to them), the effects.
        var writes = new SqlBatch();
        RosterStore.EnsureGroups(writes,
            posts.Select(i => items[i].Message).Select(m => (m.ChatId, m.Channel == Channel.Robot ? m.ReplyUrl : null, m.ReceivedAt)).ToList());
        InboundStore.Insert(writes, Enumerable.Range(0, items.Count).Where(i => outcomes[i] != ProcessOutcome.Duplicate)
            .Select(i => new InboundStore.Row(claim.Ids[i], items[i].Message, judged[i] is null ? "ignored" : "evaluated",
                JsonSerializer.Serialize(judged[i]?.Verdicts ?? [], Json), items[i].Payload)).ToList());
        foreach (var (context, effects) in judged.Where(j => j is not null).SelectMany(j => j!.Writes))
            EffectWriter.Add(writes, context, effects);
        await writes.ExecuteAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);

        AfterCommit(items, outcomes, judged);
        return outcomes;
    }

    // A group's messages and deadlines are decided under the group's lock, keyed by its chat id (as the timer worker and
    // admin actions take it); anything else only needs its own deliveries kept apart.
    private static string LockKeyOf(InboundMessage message) => message.IsGroup ? message.ChatId : "message:" + message.DedupeKey;

    private void AfterCommit(IReadOnlyList<InboundItem> items, ProcessOutcome[] outcomes, Judged?[] judged)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var message = items[i].Message;
            if (outcomes[i] == ProcessOutcome.Duplicate)
                logger.LogInformation("Duplicate delivery of {DedupeKey} on {Channel}: already recorded", message.DedupeKey, message.Channel);
            else if (outcomes[i] == ProcessOutcome.Ignored)
                logger.LogInformation("Recorded {DedupeKey} of unknown kind {RawKind}; no rule reads it", message.DedupeKey, message.RawKind);
        }

        var done = judged.Where(j => j is not null).Select(j => j!).ToList();
        foreach (var hit in done.SelectMany(j => j.Verdicts).Where(v => v.Outcome == Outcome.Hit))
            BotMetrics.RuleHits.WithLabels(hit.Rule, hit.Mode.ToString()).Inc();
        // Wake a worker only when a message gave it work: most messages neither speak nor set a deadline.
        var effects = done.SelectMany(j => j.Effects).ToList();
        if (effects.Any(e => e is PostToGroup or SendPrivate)) outboxWake.Wake();
        if (effects.Any(e => e is OpenNotice or OpenRectification or RecordRectificationReply)) timerWake.Wake();
    }

    /// <summary>Group posts: every group's state read in one round trip (the claim holds their locks), then each post judged.</summary>
    private async Task JudgeGroupPostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<InboundItem> items, IReadOnlyList<long> ids, List<int> posts, Judged?[] judged, CancellationToken ct)
    {
        var states = await GroupStateStore.LoadManyAsync(connection, transaction,
            posts.Select(i => new GroupStateStore.Subject(items[i].Message.ChatId, items[i].Message.SenderId, items[i].Message.ReceivedAt)).ToList(),
            engine.DefaultPolicy, ct);
        var pipeline = RuleEngine.Pipeline(await scanners.CurrentAsync(connection, transaction, ct));
        for (var p = 0; p < posts.Count; p++)
        {
            var (message, id, state) = (items[posts[p]].Message, ids[posts[p]], states[p]);
            var decision = pipeline.Evaluate(message, state, message.ReceivedAt);
            var context = new EffectContext($"inbound:{id}", id, message.ChatId, message.SenderId, state, message.ReceivedAt,
                ResponseUrl: message.Channel == Channel.AiBot ? message.ReplyUrl : null);
            judged[posts[p]] = new Judged(decision.Verdicts, [(context, decision.Effects)]);
        }
    }

    /// <summary>离职即删: a person deleted from the directory is reported to the owner of each group still listing them.</summary>
    private async Task<Judged> OnUserDeletedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
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
        var writes = new List<(EffectContext, IReadOnlyList<Effect>)>();
        foreach (var result in Bot.Rules.Moderation.RosterHygiene.OnUserDeleted(userId, name, groups))
        {
            var state = await GroupStateStore.LoadAsync(connection, transaction, result.ChatId, userId, engine.DefaultPolicy, message.ReceivedAt, ct);
            writes.Add((new EffectContext($"inbound:{id}:{result.ChatId}", id, result.ChatId, userId, state, message.ReceivedAt), result.Effects));
            verdicts.Add(result.Verdict);
        }

        logger.LogInformation("Directory deletion of {UserId}: {Groups} group(s) still list them", userId, verdicts.Count);
        return new Judged(verdicts, writes);
    }
}
