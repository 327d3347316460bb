using Bot.Host.Rules;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record NoticeMember(string UserId, string Name);

public sealed record NoticeReply(string UserId, string Name, DateTimeOffset At, bool Late, long SecondsToReply);

public sealed record NoticeExplanation(string UserId, string Name, DateTimeOffset At);

/// <summary>
/// A notice with who replied (when, late or not), who explained, who is still pending and who was escalated.
/// Instants are written on the group's clock (+08:00 for Asia/Shanghai).
/// </summary>
public sealed record NoticeView(long Id, string ChatId, string Issuer, string IssuerName, string Text, string Phrase, DateTimeOffset PostedAt,
    DateTimeOffset ReplyDeadline, DateTimeOffset? RemindedAt, DateTimeOffset? ExplanationDeadline, string Stage, int Asked,
    IReadOnlyList<NoticeReply> Replied, IReadOnlyList<NoticeExplanation> Explained, IReadOnlyList<NoticeMember> Pending, IReadOnlyList<NoticeMember> Escalated)
{
    /// <summary>Still owing an answer: not replied, not explained, not yet reported to a supervisor.</summary>
    public static bool IsPending(Duty duty) => !duty.Closed && !duty.Escalated;

    public static async Task<IReadOnlyList<NoticeView>> BuildAsync(NpgsqlConnection connection, IReadOnlyList<NoticeState> notices, TimeZoneInfo zone, CancellationToken ct)
    {
        var names = await PeopleStore.NamesAsync(connection, notices.SelectMany(n => n.Duties.Select(d => d.UserId).Append(n.IssuerId)), ct);
        string Name(string userId) => names.TryGetValue(userId, out var name) ? name : "";
        DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

        return notices.Select(n => new NoticeView(n.Id, n.ChatId, n.IssuerId, Name(n.IssuerId), n.Text, n.Phrase, Local(n.PostedAt), Local(n.ReplyDeadline),
            n.RemindedAt is { } reminded ? Local(reminded) : null, n.ExplanationDeadline is { } deadline ? Local(deadline) : null, n.Stage.ToString(), n.Duties.Count,
            n.Duties.Where(d => d.RepliedAt is not null)
                .Select(d => new NoticeReply(d.UserId, Name(d.UserId), Local(d.RepliedAt!.Value), d.Late, (long)(d.RepliedAt.Value - n.PostedAt).TotalSeconds)).ToList(),
            n.Duties.Where(d => d.RepliedAt is null && d.ExplainedAt is not null)
                .Select(d => new NoticeExplanation(d.UserId, Name(d.UserId), Local(d.ExplainedAt!.Value))).ToList(),
            n.Duties.Where(IsPending).Select(d => new NoticeMember(d.UserId, Name(d.UserId))).ToList(),
            n.Duties.Where(d => d.Escalated).Select(d => new NoticeMember(d.UserId, Name(d.UserId))).ToList())).ToList();
    }

    /// <summary>The group's effective policy; the defaults when the group is unknown or its stored overrides no longer merge.</summary>
    public static async Task<GroupPolicy> PolicyOfAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, PolicyDefaults defaults, CancellationToken ct)
    {
        try
        {
            return await GroupStateStore.LoadPolicyAsync(connection, transaction, chatId, defaults.Policy, ct);
        }
        catch (PolicyException)
        {
            return defaults.Policy;
        }
    }
}
