using Bot.Host.Admin;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Notices;

/// <summary>What 「立即提醒」 did, or why it did nothing.</summary>
public abstract record Reminder
{
    /// <param name="NotBefore">When the post may go out: now, or the end of the group's quiet hours.</param>
    public sealed record Queued(IReadOnlyList<NoticeMember> Mentioned, bool Urgent, DateTimeOffset NotBefore, TimeZoneInfo Zone) : Reminder;

    public sealed record NotFound : Reminder;

    /// <summary>The notice is closed or cancelled: nobody is reminded of it.</summary>
    public sealed record Finished(NoticeStage Stage) : Reminder;

    public sealed record NobodyOwing : Reminder;
}

/// <summary>
/// 「立即提醒」 for the admin API and the dashboard alike: one group post @-mentioning every member who still owes a reply
/// (the notice page's 尚未回复, whether or not already reported to a supervisor), through the outbox like every post of
/// the bot, audited in the same transaction. It waits for the end of quiet hours unless urgent.
/// </summary>
public sealed class NoticeReminders(NpgsqlDataSource db, PolicyDefaults defaults, OutboxWake wake, TimeProvider time)
{
    public async Task<Reminder> RemindAsync(long id, bool urgent, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await NoticeStore.LoadAsync(connection, transaction, id, ct) is not { } notice) return new Reminder.NotFound();
        if (notice.Stage is NoticeStage.Closed or NoticeStage.Cancelled) return new Reminder.Finished(notice.Stage);
        var owing = notice.Duties.Where(d => !d.Closed).Select(d => d.UserId).ToList();
        if (owing.Count == 0) return new Reminder.NobodyOwing();

        // The group's messages are judged one at a time; the reminder takes its turn like one of them.
        var state = await GroupStateStore.LoadAsync(connection, transaction, notice.ChatId, notice.IssuerId, defaults.Policy, now, ct, lockGroup: true);
        var text = $"【提醒】通知「{Short(notice.Text)}」尚未回复，请以下成员尽快回复「{notice.Phrase}」：";
        var post = new PostToGroup(notice.ChatId, text, owing, $"admin: remind notice {id}", urgent);
        await EffectWriter.ApplyAsync(connection, transaction,
            new EffectContext($"admin:remind:{id}:{now.UtcTicks}", null, notice.ChatId, null, state, now), [post], ct);
        var notBefore = urgent ? now : QuietHours.NextAllowed(state.Policy, now);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "notice.remind", $"notice:{id}",
            new { notice.ChatId, members = owing, urgent, notBefore }, ct);
        await transaction.CommitAsync(ct);
        wake.Wake();
        return new Reminder.Queued(owing.Select(u => new NoticeMember(u, state.NameOf(u))).ToList(), urgent, notBefore, state.Policy.Zone);
    }

    private static string Short(string text)
    {
        var line = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 30 ? line : string.Concat(line.AsSpan(0, 30), "…");
    }
}
