using Bot.Host.Health;
using Bot.Host.Rules;
using Bot.Host.Spool;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Pipeline;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Outbound;

/// <summary>
/// Fires due deadlines: reply deadline → @-reminder, explanation deadline → escalation, rectification deadlines →
/// escalation to the principal. Each timer is taken, decided, applied and marked done in one transaction, so it fires
/// once across restarts and replicas; a crash mid-way rolls back and the next pass fires it. A timer whose firing
/// throws (a row the code cannot handle) is marked failed with the exception, and the others fire all the same.
/// </summary>
public sealed class TimerWorker(
    NpgsqlDataSource dataSource,
    InboundSpool spool,
    RuleEngine engine,
    TimerWake wake,
    OutboxWake outboxWake,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<TimerWorker> logger) : BackgroundService
{
    private bool _afterOutage;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundWorkers
        ? WorkerLoop.RunAsync("Timers", PassAsync, wake, options.Value.PollInterval, time, logger, stoppingToken, () => _afterOutage = true)
        : Task.CompletedTask;

    private async Task<int> PassAsync(CancellationToken ct)
    {
        if (_afterOutage)
        {
            // Every replica's spool replayer notices the database is back within a poll interval and marks its backlog
            // (which holds the deadlines its callbacks may answer) before replaying: give them that time first.
            await PingAsync(ct);
            await Task.Delay(options.Value.PollInterval * 3, time, ct);
            _afterOutage = false;
        }

        return await FireDueAsync(ct);
    }

    private async Task PingAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
    }

    /// <summary>Fires every timer due now; returns how many fired (or failed).</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var fired = 0;
        // Callbacks spooled on this host may answer a deadline due after they arrived: such deadlines wait for the replay.
        var spooledSince = await spool.OldestPendingAsync();
        while (await FireOneAsync(spooledSince, ct)) fired++;
        if (fired > 0) outboxWake.Wake();
        return fired;
    }

    private async Task<bool> FireOneAsync(DateTimeOffset? spooledSince, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var timer = await TimerStore.ClaimNextDueAsync(connection, transaction, now, spooledSince, ct);
        if (timer is null) return false;

        // A firing that throws is undone to here, keeping the timer claimed so it is marked failed in this transaction:
        // left pending, it would be taken again on every pass (and after every restart) and fail the same way.
        await transaction.SaveAsync(FiringSavepoint, ct);
        try
        {
            var result = await FireAsync(connection, transaction, timer, now, ct);
            await TimerStore.MarkDoneAsync(connection, transaction, timer.Id, now, result, ct);
            await transaction.CommitAsync(ct);
            BotMetrics.TimersFired.WithLabels(timer.Kind).Inc();
            logger.LogInformation("Timer {Id} ({Kind} of {Subject}) fired: {Result}", timer.Id, timer.Kind, timer.SubjectId, result);
        }
        catch (Exception ex) when (!DatabaseFaults.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            await transaction.RollbackAsync(FiringSavepoint, ct);
            await TimerStore.MarkFailedAsync(connection, transaction, timer.Id, now, error, ct);
            await transaction.CommitAsync(ct);
            BotMetrics.ItemsFailed.WithLabels("timer").Inc();
            logger.LogError(ex, "Timer {Id} ({Kind} of {Subject}) failed and will not be taken again: {Error}", timer.Id, timer.Kind, timer.SubjectId, error);
        }

        return true;
    }

    private const string FiringSavepoint = "firing";

    private Task<string> FireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, DateTimeOffset now, CancellationToken ct) =>
        timer.Kind switch
        {
            TimerKinds.NoticeReply or TimerKinds.NoticeExplanation => FireNoticeTimerAsync(connection, transaction, timer, now, ct),
            TimerKinds.RectificationReply or TimerKinds.RectificationEvidence => FireRectificationTimerAsync(connection, transaction, timer, now, ct),
            _ => Task.FromResult($"unknown timer kind {timer.Kind}"),
        };

    private async Task<string> FireNoticeTimerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        // Under the group's lock, so a reply committed while this waited for it is seen: its author is not reminded.
        if (await LockedReads.NoticeAsync(connection, transaction, timer.SubjectId, engine.DefaultPolicy, now, ct) is not (var notice, var state))
            return "the notice no longer exists";
        var decision = timer.Kind == TimerKinds.NoticeReply
            ? NoticeTimers.OnReplyDeadline(notice, state, now)
            : NoticeTimers.OnExplanationDeadline(notice, state, now);
        return await ApplyAsync(connection, transaction, timer, notice.ChatId, state, decision, now, ct);
    }

    private async Task<string> FireRectificationTimerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await LockedReads.RectificationAsync(connection, transaction, timer.SubjectId, engine.DefaultPolicy, now, ct) is not (var rectification, var state))
            return "the rectification no longer exists";
        var decision = timer.Kind == TimerKinds.RectificationReply
            ? RectificationTimers.OnReplyDeadline(rectification, state, now)
            : RectificationTimers.OnEvidenceDeadline(rectification, state, now);
        return await ApplyAsync(connection, transaction, timer, rectification.ChatId, state, decision, now, ct);
    }

    private static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, string chatId,
        GroupState state, Decision decision, DateTimeOffset now, CancellationToken ct)
    {
        await EffectWriter.ApplyAsync(connection, transaction, new EffectContext($"timer:{timer.Id}", null, chatId, null, state, now), decision.Effects, ct);
        return string.Join("; ", decision.Verdicts);
    }
}
