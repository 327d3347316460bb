using System.Text.Json;
using Bot.Host.Inbound;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Storage;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.WeCom.Archive;

/// <summary>What one read of the archive did.</summary>
/// <param name="Busy">Another replica holds the archive: nothing was read here.</param>
/// <param name="More">The page was full: read again at once.</param>
/// <param name="Problem">Why reading stopped: an SDK error code, or a record whose key is missing.</param>
public sealed record ArchivePoll(int Records, int Messages, int Skipped, bool CaughtUp, bool More, bool Busy = false, string? Problem = null);

/// <summary>Wakes the archive poller: WeCom's <c>msgaudit_notify</c> says new records are ready.</summary>
public sealed class ArchiveWake : WakeSignal;

/// <summary>
/// Reads the archive, one replica at a time (a session advisory lock held for each read), from the last committed
/// record, when <c>msgaudit_notify</c> wakes it and every <see cref="ArchiveOptions.PollInterval"/>. Each message of a
/// group the archive judges goes through the same batched path as the callbacks, with its range of records committed in
/// the same transaction; what the page counted or skipped commits on its own. A crash therefore never skips a record
/// (its range is not committed) nor reads one twice (its range is, and is passed over).
/// </summary>
public sealed partial class ArchivePoller(
    IArchiveSource reader,
    InboundBatcher batcher,
    NpgsqlDataSource dataSource,
    IOptions<ArchiveOptions> options,
    IOptions<OutboxOptions> workers,
    IOptions<WeComOptions> wecom,
    PolicyDefaults policy,
    ArchiveWake wake,
    TimeProvider time,
    ILogger<ArchivePoller> logger) : BackgroundService
{
    // Any fixed number: it names the archive's lock among the database's advisory locks ("BotArc").
    private const long LockKey = 0x426F_7441_7263;
    private const int FallbackBatch = 500;

    private readonly IReadOnlyList<string> _botNames = CallbackChannel.BotNamesOf(wecom.Value, policy.Policy.BotName);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled && workers.Value.BackgroundWorkers
        // A bad page or an SDK surprise does not stop the reader: the next pass starts again from the cursor.
        ? WorkerLoop.RunAsync("Archive reader", async ct => (await PollOnceAsync(ct)).More ? 1 : 0, wake, options.Value.PollInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    /// <summary>Reads one page, unless another replica is reading.</summary>
    public async Task<ArchivePoll> PollOnceAsync(CancellationToken ct)
    {
        await using var held = await dataSource.OpenConnectionAsync(ct);
        if (!await held.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct)))
            return new ArchivePoll(0, 0, 0, false, false, Busy: true);
        try
        {
            return await ReadPageAsync(ct);
        }
        finally
        {
            // Pooled connections keep session state (no reset on close): the lock is released by hand.
            await held.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<ArchivePoll> ReadPageAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var progress = await ArchiveStore.ProgressAsync(connection, startedAt, ct);
        var cursor = await AdvanceAsync(connection, progress, ct);

        IReadOnlyList<EncryptedRecord> page;
        try
        {
            page = await reader.PageAsync(cursor, ct);
        }
        catch (Exception ex) when (ex is ArchiveSdkException or JsonException or DllNotFoundException or EntryPointNotFoundException)
        {
            var transient = ex is ArchiveSdkException { Transient: true };
            ArchiveMetrics.Errors.WithLabels(ex is ArchiveSdkException sdk ? sdk.Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "page").Inc();
            if (transient) LogReadFailed(ex.Message);
            else LogReadRefused(ex.Message);
            return new ArchivePoll(0, 0, 0, false, false, Problem: ex.Message);
        }

        var rooms = await ArchiveStore.RoomMapAsync(connection, ct);
        var read = ReadAll(page, progress.CommittedAhead);
        var segments = ArchivePage.Plan(cursor, page, progress.CommittedAhead, rooms, progress.EnabledAt, _botNames, r => Counted(r, read[r.Seq]), out var halt);
        if (halt is not null)
        {
            ArchiveMetrics.Errors.WithLabels("key").Inc();
            LogHalted(halt.Reason);
        }

        var failures = await CommitAsync(connection, segments, ct);
        var reached = await AdvanceAsync(connection, await ArchiveStore.ProgressAsync(connection, startedAt, ct), ct);
        var caughtUp = halt is null && failures == 0 && page.Count < settings.PageSize && reached >= (page.Count > 0 ? page[^1].Seq : cursor);
        if (caughtUp)
        {
            // What the archive does not cover is judged from its callback before anyone's deadline can pass over it.
            await JudgeUnansweredHeldAsync(connection, startedAt - settings.Lag - settings.MatchWindow, ct);
            await ArchiveStore.MarkCaughtUpAsync(connection, startedAt - settings.Lag, ct);
        }

        var messages = segments.Count(s => s.Message is not null);
        ArchiveMetrics.Records.Inc(page.Count);
        return new ArchivePoll(page.Count, messages, segments.Sum(s => s.Skipped), caughtUp,
            More: halt is null && failures == 0 && page.Count >= settings.PageSize, Problem: halt?.Reason);
    }

    /// <summary>
    /// Decrypts the page's records that are not committed yet, on every core: an RSA-2048 decryption costs milliseconds,
    /// and the SDK's DecryptData may be called concurrently (SDK v1.1, doc 91774).
    /// </summary>
    private Dictionary<long, ReadRecord> ReadAll(IReadOnlyList<EncryptedRecord> page, IReadOnlyList<(long From, long To)> committed)
    {
        var pending = page.Where(r => !committed.Any(c => c.From < r.Seq && r.Seq <= c.To)).ToList();
        var read = new ReadRecord[pending.Count];
        Parallel.For(0, pending.Count, i => read[i] = reader.Decrypt(pending[i]));
        return read.ToDictionary(r => r.Seq);
    }

    private ReadRecord Counted(EncryptedRecord record, ReadRecord outcome)
    {
        if (outcome is UnreadableRecord unreadable)
        {
            ArchiveMetrics.Skipped.Inc();
            LogSkipped(record.Seq, record.MsgId, unreadable.Reason);
        }

        return outcome;
    }

    /// <summary>
    /// Commits every segment: messages through the batcher (concurrently, in order per group, each group's as one
    /// <see cref="ArchiveRun"/>), the rest directly. Returns how many failed.
    /// </summary>
    private async Task<int> CommitAsync(NpgsqlConnection connection, IReadOnlyList<ArchiveSegment> segments, CancellationToken ct)
    {
        var runs = new Dictionary<string, ArchiveRun>(StringComparer.Ordinal);
        var submitted = segments.Where(s => s.Message is not null).Select(s =>
        {
            var run = runs.TryGetValue(s.Message!.ChatId, out var known) ? known : runs[s.Message.ChatId] = new ArchiveRun();
            return (Segment: s, Task: Submit(s, run, ct));
        }).ToList();
        var counted = new SqlBatch();
        ArchiveSegment.AddAll(counted, [.. segments.Where(s => s.Message is null)]);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await counted.ExecuteAsync(connection, transaction, ct);
            await transaction.CommitAsync(ct);
        }

        var failures = 0;
        var logged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (segment, task) in submitted)
        {
            try
            {
                await task;
            }
            catch (Exception ex) when (ex is InboundUnavailableException or InvalidOperationException || DatabaseFaults.IsUnavailable(ex))
            {
                // Its range stays uncommitted: the cursor stops before it and the next read tries it again. The group's
                // first failure says why; the ones after it only followed it.
                failures++;
                if (logged.Add(segment.Message!.ChatId)) LogMessageFailed(ex, segment.To, segment.Message.DedupeKey);
            }
        }

        return failures;
    }

    private Task<ProcessOutcome> Submit(ArchiveSegment segment, ArchiveRun run, CancellationToken ct)
    {
        try
        {
            return batcher.SubmitAsync(new InboundItem(segment.Message!, segment.Payload, new ArchiveCommit(segment, Run: run)), ct);
        }
        catch (Exception ex) when (ex is InboundUnavailableException or TimeoutException)
        {
            // Refused at the door (too many waiting, or stopping): the group's later records must not pass it.
            run.Break();
            return Task.FromException<ProcessOutcome>(ex);
        }
    }

    /// <summary>Moves the cursor over the run of committed ranges that starts at it; returns where it stands.</summary>
    private static async Task<long> AdvanceAsync(NpgsqlConnection connection, ArchiveProgress progress, CancellationToken ct)
    {
        var seq = progress.Seq;
        foreach (var (from, to) in progress.CommittedAhead.OrderBy(r => r.From))
        {
            if (from > seq) break;
            seq = Math.Max(seq, to);
        }

        if (seq > progress.Seq) await ArchiveStore.AdvanceAsync(connection, seq, ct);
        return seq;
    }

    /// <summary>In groups whose channel is 'both': callback copies whose archive copy has not come are judged as they came.</summary>
    private async Task JudgeUnansweredHeldAsync(NpgsqlConnection connection, DateTimeOffset receivedBefore, CancellationToken ct)
    {
        IReadOnlyList<HeldMessage> held;
        do
        {
            held = await CopyStore.UnansweredHeldAsync(connection, receivedBefore, FallbackBatch, ct);
            await Task.WhenAll(held.Select(h => batcher.SubmitAsync(new InboundItem(FromHeld(h), h.Payload, new ArchiveCommit(null, JudgesHeld: h.Id)), ct)));
            if (held.Count > 0) LogJudgedHeld(held.Count);
        }
        while (held.Count == FallbackBatch);
    }

    private static InboundMessage FromHeld(HeldMessage held) => new(
        "unarchived:" + held.DedupeKey, Enum.Parse<Channel>(held.Channel), held.ChatId, ChatType.Group, held.SenderId, held.SenderName,
        Enum.Parse<MessageKind>(held.Kind), held.RawKind, held.Text, held.Mentions, held.Quote, held.ReplyUrl, null, held.ReceivedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive read failed, will retry: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive read refused: {Reason}")]
    private partial void LogReadRefused(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive reading stopped: {Reason}")]
    private partial void LogHalted(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archive record {Seq} ({MsgId}) skipped: {Reason}")]
    private partial void LogSkipped(long seq, string msgId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive record {Seq} ({DedupeKey}) was not recorded; it and its group's later records will be read again")]
    private partial void LogMessageFailed(Exception ex, long seq, string dedupeKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} callback message(s) the archive did not cover were judged from their callback")]
    private partial void LogJudgedHeld(int count);
}
