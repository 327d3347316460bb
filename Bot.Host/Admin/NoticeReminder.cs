using System.Globalization;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Admin;

public enum RemindStatus { Reminded, NotFound, Finished, NobodyPending }

/// <summary>What 「立即提醒」 did: whom it @-mentioned and when the post may go out (on the group's clock), or why nobody was reminded.</summary>
public sealed record RemindResult(RemindStatus Status, NoticeStage? Stage, IReadOnlyList<NoticeMember> Mentioned, bool Urgent, DateTimeOffset NotBefore)
{
    public static RemindResult Not(RemindStatus status, NoticeStage? stage = null) => new(status, stage, [], false, default);
}

/// <summary>
/// 「立即提醒」, for the admin API and the dashboard alike: one group post @-mentioning the members still pending, through
/// the outbox like every post of the bot, audited with the administrator. It waits for the end of quiet hours unless
/// urgent. It takes the group's lock before it reads the notice, as a message of the group would, so a member whose
/// reply committed a moment before is not named.
/// </summary>
public sealed class NoticeReminder(NpgsqlDataSource dataSource, PolicyDefaults defaults, OutboxWake outboxWake, TimeProvider time)
{
    public async Task<RemindResult> RemindAsync(long id, bool urgent, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await LockedReads.NoticeAsync(connection, transaction, id, defaults.Policy, now, ct) is not (var notice, var state))
            return RemindResult.Not(RemindStatus.NotFound);
        if (notice.Stage is NoticeStage.Closed or NoticeStage.Cancelled) return RemindResult.Not(RemindStatus.Finished, notice.Stage);
        var pending = notice.Duties.Where(NoticeView.IsPending).Select(d => d.UserId).ToList();
        if (pending.Count == 0) return RemindResult.Not(RemindStatus.NobodyPending, notice.Stage);

        var text = string.Create(CultureInfo.InvariantCulture,
            $"【提醒】{state.NameOf(notice.IssuerId)}发布的通知「{Short(notice.Text)}」还有{pending.Count}位老师未回复，请尽快回复「{notice.Phrase}」：");
        var post = new PostToGroup(notice.ChatId, text, pending, $"notice #{id}: reminded now by {actor}", urgent);
        await EffectWriter.ApplyAsync(connection, transaction,
            new EffectContext($"admin:remind:{id}:{now.UtcTicks}", null, notice.ChatId, null, state, now), [post], ct);
        var notBefore = urgent ? now : QuietHours.NextAllowed(state.Policy, now);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "notice.remind", $"notice:{id}",
            new { notice.ChatId, members = pending, urgent, notBefore }, ct);
        await transaction.CommitAsync(ct);
        outboxWake.Wake();
        return new RemindResult(RemindStatus.Reminded, notice.Stage, pending.Select(u => new NoticeMember(u, state.NameOf(u))).ToList(), urgent,
            TimeZoneInfo.ConvertTime(notBefore, state.Policy.Zone));
    }

    private static string Short(string text)
    {
        var line = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 30 ? line : string.Concat(line.AsSpan(0, 30), "…");
    }
}
