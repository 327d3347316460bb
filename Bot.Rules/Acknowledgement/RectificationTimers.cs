using System.Globalization;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// What happens when a rectification's deadlines pass (三、群员职责 8: 「否则，检查人应通知其到校长室作情况说明」). Storage
/// calls these when its timers fire: the reply deadline set by <see cref="OpenRectification"/>, the evidence deadline
/// set by <see cref="RecordRectificationReply"/>. A member who missed either is reported privately to the principal.
/// </summary>
public static class RectificationTimers
{
    public const string MissedEvidence = "未在规定时间内反馈整改情况";

    public static string MissedReply(string phrase) => $"未按时回复「{Wording.Exclaimed(phrase)}」";

    public static Decision OnReplyDeadline(RectificationState rectification, GroupState state, DateTimeOffset now)
    {
        if (rectification is not { Stage: RectificationStage.AwaitingReply, RepliedAt: null })
        {
            return TimerDecision.Pass(state.Policy, RectificationRule.RuleName,
                $"reply deadline of rectification #{Id(rectification)}: stage {rectification.Stage}, nothing to do");
        }

        return Escalate(rectification, state, now, MissedReply(state.Policy.RectificationPhrase), "reply deadline");
    }

    public static Decision OnEvidenceDeadline(RectificationState rectification, GroupState state, DateTimeOffset now)
    {
        if (rectification is not { Stage: RectificationStage.AwaitingEvidence, EvidenceAt: null })
        {
            return TimerDecision.Pass(state.Policy, RectificationRule.RuleName,
                $"evidence deadline of rectification #{Id(rectification)}: stage {rectification.Stage}, nothing to do");
        }

        return Escalate(rectification, state, now, MissedEvidence, "evidence deadline");
    }

    private static Decision Escalate(RectificationState rectification, GroupState state, DateTimeOffset now, string missed, string deadline)
    {
        var recipients = Principals(state);
        var zone = state.Policy.Zone;
        var member = Wording.NameAndDepartment(rectification.MemberId, state);
        var replied = rectification.RepliedAt is { } at ? $"已于{Wording.When(at, zone)}回复，但" : "";
        var body = string.Create(CultureInfo.InvariantCulture,
            $"""
            {state.NameOf(rectification.InspectorId)}于{Wording.When(rectification.PostedAt, zone)}在工作群「{state.Group.Name}」发布检查通报，点名指出{member}的工作存在问题：「{Wording.Short(Problem(rectification, state), 60)}」。
            {state.NameOf(rectification.MemberId)}{replied}{missed}。按学校微信平台工作制度，请通知其到校长室作情况说明。
            """);

        // One letter per principal, greeted by name as the notice's letters greet each supervisor.
        var effects = recipients.Select(to => (Effect)new SendPrivate([to], $"{state.NameOf(to)}您好：\n{body}",
            string.Create(CultureInfo.InvariantCulture, $"rectification #{rectification.Id}: {missed}"))).ToList();
        effects.Add(new MarkRectificationEscalated(rectification.Id, missed, now));
        var to = recipients.Count > 0 ? string.Join(", ", recipients.Select(state.NameOf)) : "nobody (no principal and no group owner)";
        return TimerDecision.Of(state.Policy, RectificationRule.RuleName,
            Verdict.Hit(RectificationRule.RuleName, string.Create(CultureInfo.InvariantCulture,
                $"{deadline} of rectification #{rectification.Id}: {state.NameOf(rectification.MemberId)} {missed}; reported to {to}")),
            effects);
    }

    /// <summary>What the post says of the member: the clauses naming them for a problem, else the post itself.</summary>
    private static string Problem(RectificationState rectification, GroupState state)
    {
        var clauses = RectificationRule.Clauses(rectification.Text, [], state)
            .Where(c => c.Member == rectification.MemberId && c.Clause.Finding == Finding.Problem)
            .Select(c => c.Clause.Clause).Distinct(StringComparer.Ordinal).ToList();
        return clauses.Count > 0 ? string.Join(" ", clauses) : rectification.Text;
    }

    /// <summary>The people with the principal role, in a stable order; the group owner when there are none.</summary>
    private static List<string> Principals(GroupState state)
    {
        var principals = state.People.Values.Where(p => p.IsPrincipal).Select(p => p.UserId).Order(StringComparer.Ordinal).ToList();
        if (principals.Count == 0 && state.Group.Owner is { } owner) principals.Add(owner);
        return principals;
    }

    private static string Id(RectificationState rectification) => rectification.Id.ToString(CultureInfo.InvariantCulture);
}
