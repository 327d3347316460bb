using System.Globalization;
using System.Text;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// What happens when a notice's deadlines pass. Storage calls these when the timers it scheduled fire: the reply
/// deadline when it applied <see cref="OpenNotice"/>, the explanation deadline when it applied
/// <see cref="MarkReminded"/>. Both are idempotent on the notice's stage, so a timer fired twice acts once.
/// </summary>
public static class NoticeTimers
{
    /// <summary>
    /// The reply deadline: @-mention everyone asked who has not replied, and open their explanation window.
    /// The reminder's <see cref="PostToGroup.Text"/> is the header only; storage's splitter appends 「@姓名」 for each
    /// id in <see cref="PostToGroup.Mentions"/>, in order, splitting into as many WeCom-sized messages as it needs.
    /// </summary>
    public static Decision OnReplyDeadline(NoticeState notice, GroupState state, DateTimeOffset now)
    {
        var policy = state.Policy;
        if (notice.Stage != NoticeStage.Open)
        {
            return TimerDecision.Pass(policy, NoticeRule.RuleName, $"reply deadline of notice #{Id(notice)}: stage {notice.Stage}, nothing to do");
        }

        var pending = Roster.InRosterOrder(notice.Duties.Where(d => !d.Closed).Select(d => d.UserId), state);
        if (pending.Count == 0)
        {
            return TimerDecision.Of(policy, NoticeRule.RuleName,
                Verdict.Pass(NoticeRule.RuleName, string.Create(CultureInfo.InvariantCulture, $"reply deadline of notice #{notice.Id}: all {notice.Duties.Count} replied")),
                [new CloseNotice(notice.Id, now)]);
        }

        var explanationDeadline = ExplanationDeadline(policy, now);
        var zone = policy.Zone;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"【未回复提醒】{state.NameOf(notice.IssuerId)}于{Wording.When(notice.PostedAt, zone)}发布的通知「{Wording.Short(notice.Text)}」已过回复时间，以下{pending.Count}位老师尚未回复。请见到后立即回复；如确有原因未能回复，请于{Wording.When(explanationDeadline, zone)}前在群里作情况说明。\n{Wording.HowToReply(notice.Phrase, state)}");
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"reply deadline of notice #{notice.Id}: {pending.Count} of {notice.Duties.Count} did not reply ({Wording.Brief(pending, state)}); explanation due {Wording.Stamp(explanationDeadline, zone)} {policy.TimeZone}");
        return TimerDecision.Of(policy, NoticeRule.RuleName, Verdict.Hit(NoticeRule.RuleName, detail),
        [
            new PostToGroup(notice.ChatId, text, pending, string.Create(CultureInfo.InvariantCulture, $"notice #{notice.Id}: reminder of {pending.Count} non-responders")),
            new MarkReminded(notice.Id, now, explanationDeadline),
        ]);
    }

    /// <summary>
    /// The explanation deadline: each remaining member (neither replied nor explained) is reported privately to their
    /// supervisor, one message per supervisor; members without one (or not in the directory) go to the group owner.
    /// The group is told in general terms, without @-mentioning anyone again, when the policy says so.
    /// </summary>
    public static Decision OnExplanationDeadline(NoticeState notice, GroupState state, DateTimeOffset now)
    {
        var policy = state.Policy;
        if (notice.Stage != NoticeStage.Reminded)
        {
            return TimerDecision.Pass(policy, NoticeRule.RuleName, $"explanation deadline of notice #{Id(notice)}: stage {notice.Stage}, nothing to do");
        }

        var remaining = Roster.InRosterOrder(notice.Duties.Where(d => d is { Closed: false, Escalated: false }).Select(d => d.UserId), state);
        if (remaining.Count == 0)
        {
            return TimerDecision.Of(policy, NoticeRule.RuleName,
                Verdict.Pass(NoticeRule.RuleName, string.Create(CultureInfo.InvariantCulture, $"explanation deadline of notice #{notice.Id}: everyone replied or explained")),
                [new CloseNotice(notice.Id, now)]);
        }

        var effects = new List<Effect>();
        var reports = new List<string>();
        var unreported = new List<string>();
        foreach (var group in remaining.GroupBy(m => Supervisors.Of(m, state)))
        {
            var people = group.ToList();
            if (group.Key is null)
            {
                unreported.AddRange(people);
                continue;
            }

            effects.Add(new SendPrivate([group.Key], SupervisorText(notice, state, group.Key, people),
                string.Create(CultureInfo.InvariantCulture, $"notice #{notice.Id}: {people.Count} silent after the reminder")));
            reports.Add(string.Create(CultureInfo.InvariantCulture, $"{state.NameOf(group.Key)} ← {Wording.Brief(people, state)}"));
        }

        if (policy.AnnounceEscalations)
        {
            var announcement = string.Create(CultureInfo.InvariantCulture,
                $"【情况通报】通知「{Wording.Short(notice.Text)}」经提醒后，仍有{remaining.Count}位老师未回复，也未在规定时间内作情况说明：{Wording.Names(remaining, state)}。已报各部门负责人，请相关老师主动说明情况。");
            effects.Add(new PostToGroup(notice.ChatId, announcement, [], string.Create(CultureInfo.InvariantCulture, $"notice #{notice.Id}: escalation announced")));
        }

        effects.Add(new MarkEscalated(notice.Id, remaining, now));
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"explanation deadline of notice #{notice.Id}: {remaining.Count} escalated to {reports.Count} supervisor(s): {string.Join("; ", reports)}");
        if (unreported.Count > 0) detail += $"; no supervisor and no group owner for {Wording.Brief(unreported, state)}";
        return TimerDecision.Of(policy, NoticeRule.RuleName, Verdict.Hit(NoticeRule.RuleName, detail), effects);
    }

    /// <summary>
    /// When the explanation window closes, for a reminder sent at <paramref name="remindedAt"/>: the policy's
    /// <see cref="GroupPolicy.ExplanationWindow"/> later, or by default 「最迟在第二天」: 23:59:59 of the next day on the
    /// group's clock (never the machine's).
    /// </summary>
    public static DateTimeOffset ExplanationDeadline(GroupPolicy policy, DateTimeOffset remindedAt)
    {
        if (policy.ExplanationWindow is { } window) return remindedAt + window;

        var zone = policy.Zone;
        var endOfTomorrow = TimeZoneInfo.ConvertTime(remindedAt, zone).Date.AddDays(2).AddSeconds(-1);
        return new DateTimeOffset(endOfTomorrow, zone.GetUtcOffset(endOfTomorrow));
    }

    private static string SupervisorText(NoticeState notice, GroupState state, string supervisor, List<string> people)
    {
        const int MaxListed = 50;
        var zone = state.Policy.Zone;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{state.NameOf(supervisor)}您好：\n");
        text.Append(CultureInfo.InvariantCulture,
            $"{state.NameOf(notice.IssuerId)}于{Wording.When(notice.PostedAt, zone)}在工作群「{state.Group.Name}」发布通知「{Wording.Short(notice.Text)}」，要求回复「{Wording.Exclaimed(notice.Phrase)}」。");
        text.Append(CultureInfo.InvariantCulture,
            $"{Wording.When(notice.RemindedAt ?? notice.ReplyDeadline, zone)}已在群里点名提醒，但以下{people.Count}位老师至今未回复，也未在{Wording.When(notice.ExplanationDeadline ?? notice.ReplyDeadline, zone)}前在群里作情况说明：");
        var number = 0;
        foreach (var member in people.Take(MaxListed)) text.Append(CultureInfo.InvariantCulture, $"\n{++number}. {Wording.NameAndDepartment(member, state)}");
        if (people.Count > MaxListed) text.Append(CultureInfo.InvariantCulture, $"\n……共{people.Count}人，完整名单请在管理后台查看。");
        text.Append("\n请您及时了解情况并督促落实。谢谢！");
        return text.ToString();
    }

    private static string Id(NoticeState notice) => notice.Id.ToString(CultureInfo.InvariantCulture);
}
