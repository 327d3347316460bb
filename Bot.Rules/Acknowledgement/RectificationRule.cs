using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// 三、群员职责 8: members named in an inspection post reply 「存在问题我已清楚，将立即整改！」 at once, then post their
/// rectification (text or pictures) in the group in time. Answers to open rectifications are read before new
/// inspections, so a member's 「@王主任 整改已完成」 is evidence, not an inspection of 王主任.
/// </summary>
public sealed class RectificationRule : IRule
{
    public const string RuleName = "rectification";

    public string Name => RuleName;

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");

        var policy = state.Policy;
        var name = state.NameOf(message.SenderId);
        var mine = state.OpenRectifications
            .Where(r => r.ChatId == message.ChatId && r.MemberId == message.SenderId && r.PostedAt <= now)
            .OrderBy(r => r.PostedAt).ThenBy(r => r.Id)
            .ToList();
        var quoted = Notices.Quoted(message.Quote, mine, r => r.Text, r => r.PostedAt);

        var isPhrase = ReplyMatcher.Matches(message.Text, policy.RectificationPhrase, ReplyRule.NamesFor(message, state, []));
        var awaitingReply = Narrow(mine.Where(r => r is { Stage: RectificationStage.AwaitingReply, RepliedAt: null }), quoted);
        if (isPhrase && awaitingReply.Count > 0)
        {
            // The evidence window opens when members may post again.
            var evidenceDeadline = QuietHours.NextAllowed(policy, now) + policy.RectificationWindow;
            return new RuleResult(
                Verdict.Hit(Name, $"「{policy.RectificationPhrase}」 from {name} answers {awaitingReply.Count} inspection(s): {Ids(awaitingReply)}; evidence due {Wording.Stamp(evidenceDeadline, policy.Zone)}"),
                awaitingReply.Select(r => (Effect)new RecordRectificationReply(r.Id, now, evidenceDeadline)).ToList());
        }

        var awaitingEvidence = Narrow(mine.Where(r => r is { Stage: RectificationStage.AwaitingEvidence, EvidenceAt: null }), quoted);
        if (!isPhrase && awaitingEvidence.Count > 0 && Evidence(message, policy) is { } evidence)
        {
            return new RuleResult(
                Verdict.Hit(Name, $"{evidence} from {name} is rectification evidence for {Ids(awaitingEvidence)}"),
                awaitingEvidence.Select(r => (Effect)new RecordRectificationEvidence(r.Id, now)).ToList());
        }

        var reading = PostReading.Of(message.Text, policy);
        if (reading.Kind == PostKind.Inspection) return Inspect(message, state, now, reading);

        return RuleResult.Pass(Name, (awaitingReply.Count, awaitingEvidence.Count) switch
        {
            ( > 0, _) => (Explanation)$"{name} owes 「{policy.RectificationPhrase}」 for {Ids(awaitingReply)}; this message is not it",
            (_, > 0) => (Explanation)$"{name} owes rectification evidence for {Ids(awaitingEvidence)}; this message is neither an image, a file nor text with 「{string.Join("/", policy.EvidenceMarkers)}」",
            _ => (Explanation)$"no inspection marker and no open rectification for {name}",
        });
    }

    private RuleResult Inspect(InboundMessage message, GroupState state, DateTimeOffset now, PostReading reading)
    {
        var inspector = state.NameOf(message.SenderId);
        if (!Roster.MayIssue(message.SenderId, state))
        {
            return RuleResult.Pass(Name, $"inspection marker 「{reading.Marker}」 from {inspector}, who may not issue inspections ({Roster.DescribeScope(state)})");
        }

        var (named, unresolved, _) = Roster.Resolve(message.Mentions, state);
        named.Remove(message.SenderId);
        var unresolvedNote = Roster.Unresolved(unresolved);
        if (named.Count == 0)
        {
            return RuleResult.Pass(Name, $"inspection marker 「{reading.Marker}」 from {inspector} names no member{unresolvedNote}");
        }

        var deadline = QuietHours.AfterAllowed(state.Policy, now, state.Policy.ReplyWindow);
        return new RuleResult(
            Verdict.Hit(Name, $"inspection 「{reading.Marker}」 by {inspector} names {named.Count} member(s): {Wording.Brief(named, state)}; phrase 「{state.Policy.RectificationPhrase}」 due {Wording.Stamp(deadline, state.Policy.Zone)}{unresolvedNote}"),
            named.Select(member => (Effect)new OpenRectification(message.SenderId, member, message.Text, deadline)).ToList());
    }

    /// <summary>Pictures, files and mixed posts show the work; text shows it when it says 「整改」 (the phrase aside).</summary>
    internal static Explanation? Evidence(InboundMessage message, GroupPolicy policy) => message.Kind switch
    {
        MessageKind.Image => "an image",
        MessageKind.File => "a file",
        MessageKind.Mixed => "a mixed post",
        MessageKind.Text when Markers.Find(message.Text, policy.EvidenceMarkers) is { } marker => (Explanation)$"text with 「{marker}」",
        _ => null,
    };

    private static List<RectificationState> Narrow(IEnumerable<RectificationState> candidates, RectificationState? quoted) =>
        quoted is null ? candidates.ToList() : candidates.Where(r => r.Id == quoted.Id).ToList();

    private static string Ids(IEnumerable<RectificationState> items) =>
        string.Join(", ", items.Select(r => string.Create(CultureInfo.InvariantCulture, $"#{r.Id}")));
}
