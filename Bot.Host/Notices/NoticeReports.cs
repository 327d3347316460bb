using Bot.Host.Admin;
using Bot.Host.Dashboard;
using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Rules.Pipeline;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Notices;

/// <summary>A member of the group who was not asked to reply, and why not.</summary>
public sealed record NotAsked(string UserId, string Name, string Reason);

/// <summary>Something a member said while they still owed a reply that did not count as one, and the reply rule's reason.</summary>
public sealed record Uncounted(string UserId, string Name, string Text, DateTimeOffset At, Explanation? Why);

/// <summary>One step of a notice's life: posted, a reply, the reminder, an escalation…</summary>
public sealed record Moment(DateTimeOffset At, string What);

/// <summary>Everything the notice's page shows: the notice with each member's duty, who was not asked, what did not count, the timeline.</summary>
public sealed record NoticeReport(NoticeRecord Notice, Today Today, IReadOnlyList<NotAsked> NotAsked, IReadOnlyList<Uncounted> Uncounted,
    IReadOnlyList<Moment> Timeline);

/// <summary>Reads one notice whole, for its page: on the group's clock, every member accounted for once.</summary>
public sealed class NoticeReports(NpgsqlDataSource db, PolicyDefaults defaults, TimeProvider time)
{
    private const int MaxUncounted = 100;

    public async Task<NoticeReport?> LoadAsync(long id, CancellationToken ct)
    {
        if (await NoticeQueries.GetAsync(db, id, ct) is not { } notice) return null;
        var now = time.GetUtcNow();
        Bot.Rules.Policy.GroupPolicy policy;
        IReadOnlyList<RosterMember> roster;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            policy = await NoticeView.PolicyOfAsync(connection, null, notice.ChatId, defaults, ct);
            roster = await GroupConfigStore.RosterAsync(connection, null, notice.ChatId, ct);
        }

        var today = new Today(policy.Zone, now);
        var asked = notice.Duties.Select(d => d.UserId).ToHashSet(StringComparer.Ordinal);
        var notAsked = roster.Where(m => !asked.Contains(m.UserId)).Select(m => new NotAsked(m.UserId, m.Name.Length > 0 ? m.Name : m.UserId,
            m.UserId == notice.IssuerId ? "发布人"
            : policy.ExemptMembers.Contains(m.UserId, StringComparer.Ordinal) ? "免回复成员"
            : m.AddedAt > notice.PostedAt ? "通知发布后才加入本群"
            : "发布时不在群名单中")).ToList();

        var audit = await AuditStore.ForSubjectAsync(db, $"notice:{id}", ct);
        var names = await NameBook.LoadAsync(db, [.. audit.Select(a => a.Actor.Replace("dashboard:", "", StringComparison.Ordinal)), .. asked], [notice.ChatId], ct);
        return new NoticeReport(notice, today, notAsked, await UncountedAsync(notice, now, ct), Timeline(notice, audit, names, today));
    }

    /// <summary>
    /// What asked members posted between the notice and their own reply (or now) that was not their reply: a 「收到」, a
    /// question, the phrase with a typo; each with why the reply rule did not count it.
    /// </summary>
    private async Task<IReadOnlyList<Uncounted>> UncountedAsync(NoticeRecord notice, DateTimeOffset now, CancellationToken ct)
    {
        var owing = notice.Duties.ToDictionary(d => d.UserId, StringComparer.Ordinal);
        var until = notice.ClosedAt ?? now;
        var messages = await NoticeQueries.MessagesAsync(db, notice.ChatId, [.. owing.Keys], notice.PostedAt, until, MaxUncounted, ct);
        return [.. messages
            .Where(m => DutyStatuses.AnsweredAt(owing[m.SenderId]) is not { } answered || m.ReceivedAt < answered)
            .Select(m => new Uncounted(m.SenderId, owing[m.SenderId].Name, m.Text, m.ReceivedAt,
                StoredVerdicts.Read(m.Verdicts).FirstOrDefault(v => v.Rule == "acknowledgement")?.Why))];
    }

    private static List<Moment> Timeline(NoticeRecord notice, IReadOnlyList<AuditEntry> audit, NameBook names, Today today)
    {
        var moments = new List<Moment> { new(notice.PostedAt, $"{notice.IssuerName} 发布通知，要求{notice.Duties.Count}人回复「{notice.Phrase}」，{today.At(notice.ReplyDeadline)}截止") };
        foreach (var duty in notice.Duties)
        {
            if (duty.RepliedAt is { } replied) moments.Add(new(replied, $"{duty.Name} 回复{(duty.Late ? "（逾期）" : "")}"));
            if (duty.ExplainedAt is { } explained) moments.Add(new(explained, $"{duty.Name} 作了情况说明"));
        }

        if (notice.RemindedAt is { } reminded)
            moments.Add(new(reminded, $"回复截止，机器人在群里@提醒未回复的成员；情况说明{today.At(notice.ExplanationDeadline)}截止"));
        foreach (var entry in audit.Where(a => a.Action is not ("notice.opened" or "notice.reminded")))
            moments.Add(new(entry.At, $"{AuditSentences.Actor(entry.Actor, names)} {AuditSentences.Deed(entry, names, today.Zone, today.Now)}"));
        if (notice is { Stage: "Closed", ClosedAt: { } closed }) moments.Add(new(closed, "所有成员已回复或作情况说明，通知完成"));
        return [.. moments.OrderBy(m => m.At)];
    }
}
