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

/// <summary>
/// What became of a callback: recorded and judged; recorded for a kind no rule reads; a retry of one already recorded;
/// recorded as failed (judging it threw: kept with the exception, never judged again); or spooled on this host's disk
/// while the database is out, to be recorded when it returns.
/// </summary>
public enum ProcessOutcome { Recorded, Ignored, Duplicate, Failed, Spooled }

/// <summary>One callback waiting to be recorded: the parsed message and the decrypted payload it came from.</summary>
public sealed record InboundItem(InboundMessage Message, string Payload);

/// <summary>Records and evaluates a batch of callbacks in one transaction: the seam between batching and storage.</summary>
public interface IInboundBatchProcessor
{
    /// <summary>The outcome of each item, in order, once all of them are committed; throws if nothing was.</summary>
    Task<IReadOnlyList<ProcessOutcome>> ProcessBatchAsync(IReadOnlyList<InboundItem> items, CancellationToken ct);

    /// <summary>
    /// Records a message whose judging threw, unjudged, with the exception (<see cref="ProcessOutcome.Failed"/>), or
    /// <see cref="ProcessOutcome.Duplicate"/> when it is already recorded.
    /// </summary>
    Task<ProcessOutcome> RecordFailedAsync(InboundItem item, Exception exception, CancellationToken ct);
}

/// <summary>
/// Records a batch of inbound messages, evaluates each, and commits every effect of all of them in one transaction, so
/// that answering WeCom 200 (after the commit) means each message and all it caused are durable. A retry of a recorded
/// message changes nothing. A group's messages in the batch are judged in order, each seeing the effects of the one
/// before (see <see cref="GroupSnapshot"/>); no other batch holds the group meanwhile (the <see cref="InboundBatcher"/>
/// and the group locks see to it).
/// <para>
/// Four round trips per batch: claim (locks, duplicates, ids), read (every group's state), write (messages, final, with
/// their verdicts, then every effect), commit; plus a read and a write for each extra round a group needs after a
/// decision the snapshot cannot carry (a new notice, say). A message is written once, never inserted and then updated.
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

        // A retry that arrived while its first delivery was still waiting can share the batch with it: the first wins.
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var outcomes = items.Select(i =>
            claim.AlreadyRecorded.Contains(i.Message.DedupeKey) || !keys.Add(i.Message.DedupeKey) ? ProcessOutcome.Duplicate
            : i.Message.Kind == MessageKind.Unknown ? ProcessOutcome.Ignored
            : ProcessOutcome.Recorded).ToArray();
        var judged = new Judged?[items.Count];
        var writes = new SqlBatch();
        var posts = Enumerable.Range(0, items.Count).Where(i => outcomes[i] == ProcessOutcome.Recorded && items[i].Message.IsGroup).ToList();
        RosterStore.NoteSeen(writes, Enumerable.Range(0, items.Count).Where(i => outcomes[i] == ProcessOutcome.Recorded).Select(i => items[i].Message).ToList());
        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] != ProcessOutcome.Recorded || items[i].Message.IsGroup) continue;
            judged[i] = items[i].Message is { Kind: MessageKind.Event, EventName: "change_contact/delete_user" }
                ? await OnUserDeletedAsync(connection, transaction, claim.Ids[i], items[i].Message, ct)
                : Judged.Nothing;
        }

        // Everything not judged round by round below (ignored kinds, direct messages, events) is written now.
        var judgedInRounds = posts.ToHashSet();
        var written = Enumerable.Range(0, items.Count).Where(i => outcomes[i] != ProcessOutcome.Duplicate && !judgedInRounds.Contains(i)).ToList();
        Write(writes, items, claim.Ids, judged, written);
        await JudgeGroupPostsAsync(connection, transaction, items, claim.Ids, posts, judged, writes, ct);
        await writes.ExecuteAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);

        AfterCommit(items, outcomes, judged);
        return outcomes;
    }

    public async Task<ProcessOutcome> RecordFailedAsync(InboundItem item, Exception exception, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claim = await InboundStore.ClaimAsync(connection, transaction, [LockKeyOf(item.Message)], [item.Message.DedupeKey], ct);
        if (claim.AlreadyRecorded.Count > 0) return ProcessOutcome.Duplicate;
        var writes = new SqlBatch();
        InboundStore.Insert(writes, [new InboundStore.Row(claim.Ids[0], item.Message, "failed", "[]", item.Payload, $"{exception.GetType().Name}: {exception.Message}")]);
        await writes.ExecuteAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return ProcessOutcome.Failed;
    }

    /// <summary>The messages, final with their verdicts, ahead of the effects that refer to them.</summary>
    private static void Write(SqlBatch writes, IReadOnlyList<InboundItem> items, IReadOnlyList<long> ids, Judged?[] judged, IReadOnlyList<int> which)
    {
        InboundStore.Insert(writes, which.Select(i => new InboundStore.Row(ids[i], items[i].Message, judged[i] is null ? "ignored" : "evaluated",
            JsonSerializer.Serialize(judged[i]?.Verdicts ?? [], Json), items[i].Payload)).ToList());
        foreach (var (context, effects) in which.Select(i => judged[i]).Where(j => j is not null).SelectMany(j => j!.Writes))
            EffectWriter.Add(writes, context, effects);
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

    /// <summary>
    /// Group posts, in rounds. Each round reads the state of every group with posts left, in one round trip, then judges
    /// each group's posts in order, carrying each decision's effects forward in memory, until a decision does something
    /// a snapshot cannot carry (opens a notice, say): that group's later posts wait for the next round, whose read (in
    /// this same transaction) sees what the round wrote. Each round's writes go out before the next round reads.
    /// </summary>
    private async Task JudgeGroupPostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<InboundItem> items, IReadOnlyList<long> ids, List<int> posts, Judged?[] judged, SqlBatch writes, CancellationToken ct)
    {
        if (posts.Count == 0) return;
        var waiting = posts.GroupBy(i => items[i].Message.ChatId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<int>(g));
        var pipeline = RuleEngine.Pipeline(await scanners.CurrentAsync(connection, transaction, ct));
        while (waiting.Count > 0)
        {
            var left = waiting.Values.SelectMany(q => q).ToList();
            var snapshots = await GroupStateStore.LoadSnapshotsAsync(connection, transaction,
                left.Select(i => (items[i].Message.ChatId, items[i].Message.SenderId)).ToList(),
                left.Min(i => items[i].Message.ReceivedAt), left.Max(i => items[i].Message.ReceivedAt), engine.DefaultPolicy, ct,
                texts: left.Select(i => (items[i].Message.ChatId, items[i].Message.Text)).ToList());
            var round = new List<int>();
            foreach (var (chatId, queue) in waiting)
            {
                var snapshot = snapshots[chatId];
                while (queue.TryDequeue(out var i))
                {
                    var (message, id) = (items[i].Message, ids[i]);
                    var state = snapshot.StateFor(message.SenderId, message.ReceivedAt);
                    var decision = pipeline.Evaluate(message, state, message.ReceivedAt);
                    var context = new EffectContext($"inbound:{id}", id, message.ChatId, message.SenderId, state, message.ReceivedAt,
                        ResponseUrl: message.Channel == Channel.AiBot ? message.ReplyUrl : null);
                    judged[i] = new Judged(decision.Verdicts, [(context, decision.Effects)]);
                    round.Add(i);
                    if (!GroupSnapshot.CanCarry(decision.Effects)) break;
                    snapshot.Carry(message, decision.Effects);
                }
            }

            Write(writes, items, ids, judged, round);
            foreach (var chatId in waiting.Where(w => w.Value.Count == 0).Select(w => w.Key).ToList()) waiting.Remove(chatId);
            if (waiting.Count > 0) await writes.ExecuteAsync(connection, transaction, ct);
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
