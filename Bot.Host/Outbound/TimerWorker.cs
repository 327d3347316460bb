using Bot.Host.Health;
using Bot.Host.Rules;
using Bot.Host.WeCom.Archive;
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
/// once across restarts and replicas; a crash mid-way rolls back and the next pass fires it.
/// </summary>
public sealed class TimerWorker(
    NpgsqlDataSource dataSource,
    RuleEngine engine,
    TimerWake wake,
    OutboxWake outboxWake,
    IOptions<OutboxOptions> options,
    IOptions<ArchiveOptions> archive,
    TimeProvider time,
    ILogger<TimerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundWorkers) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var fired = 0;
            try
            {
                fired = await FireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Timers paused: the database is unavailable ({Reason})", ex.Message);
            }

            if (fired == 0) await wake.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Fires every timer due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var fired = 0;
        while (await FireOneAsync(ct)) fired++;
        if (fired > 0) outboxWake.Wake();
        return fired;
    }

    private async Task<bool> FireOneAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Where the archive is read, a deadline of an archive group waits until the archive has been read past it.
        var timer = await TimerStore.ClaimNextDueAsync(connection, transaction, now, archive.Value.Enabled ? archive.Value.MatchWindow : null, ct);
        if (timer is null) return false;

        var result = timer.Kind switch
        {
            TimerKinds.NoticeReply or TimerKinds.NoticeExplanation => await FireNoticeTimerAsync(connection, transaction, timer, now, ct),
            TimerKinds.RectificationReply or TimerKinds.RectificationEvidence => await FireRectificationTimerAsync(connection, transaction, timer, now, ct),
            _ => $"unknown timer kind {timer.Kind}",
        };
        await TimerStore.MarkDoneAsync(connection, transaction, timer.Id, now, result, ct);
        await transaction.CommitAsync(ct);
        BotMetrics.TimersFired.WithLabels(timer.Kind).Inc();
        logger.LogInformation("Timer {Id} ({Kind} of {Subject}) fired: {Result}", timer.Id, timer.Kind, timer.SubjectId, result);
        return true;
    }

    private async Task<string> FireNoticeTimerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await NoticeStore.LoadAsync(connection, transaction, timer.SubjectId, ct) is not { } notice) return "the notice no longer exists";
        var state = await LockedStateAsync(connection, transaction, notice.ChatId, notice.IssuerId, now, ct);
        var decision = timer.Kind == TimerKinds.NoticeReply
            ? NoticeTimers.OnReplyDeadline(notice, state, now)
            : NoticeTimers.OnExplanationDeadline(notice, state, now);
        return await ApplyAsync(connection, transaction, timer, notice.ChatId, state, decision, now, ct);
    }

    private async Task<string> FireRectificationTimerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        if (await RectificationStore.LoadAsync(connection, transaction, timer.SubjectId, ct) is not { } rectification) return "the rectification no longer exists";
        var state = await LockedStateAsync(connection, transaction, rectification.ChatId, rectification.MemberId, now, ct);
        var decision = timer.Kind == TimerKinds.RectificationReply
            ? RectificationTimers.OnReplyDeadline(rectification, state, now)
            : RectificationTimers.OnEvidenceDeadline(rectification, state, now);
        return await ApplyAsync(connection, transaction, timer, rectification.ChatId, state, decision, now, ct);
    }

    /// <summary>The group's state under the same per-group lock as its messages, so a reply and a deadline never interleave.</summary>
    private async Task<GroupState> LockedStateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string subjectUser, DateTimeOffset now, CancellationToken ct)
    {
        return await GroupStateStore.LoadAsync(connection, transaction, chatId, subjectUser, engine.DefaultPolicy, now, ct, lockGroup: true);
    }

    private static async Task<string> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DueTimer timer, string chatId,
        GroupState state, Decision decision, DateTimeOffset now, CancellationToken ct)
    {
        await EffectWriter.ApplyAsync(connection, transaction, new EffectContext($"timer:{timer.Id}", null, chatId, null, state, now), decision.Effects, ct);
        return string.Join("; ", decision.Verdicts);
    }
}
