using System.Globalization;
using System.Text;
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

        var isPhrase = IsPhrase(message.Text, policy.RectificationPhrase, ReplyRule.NamesFor(message, state, []));
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

        // Only a member named for a problem owes the phrase: the praised owe nothing, and the unclear are left to the
        // inspector, who is told below whom the bot tracks.
        var findings = Findings(message.Text, message.Mentions, state);
        var of = named.ToLookup(m => findings.TryGetValue(m, out var f) ? f : Finding.Unclear);
        List<string> owed = [.. of[Finding.Problem]], praised = [.. of[Finding.Praise]], unclear = [.. of[Finding.Unclear]];
        var policy = state.Policy;
        var deadline = QuietHours.AfterAllowed(policy, now, policy.ReplyWindow);
        var notes = new List<Explanation>();
        if (praised.Count > 0) notes.Add($"; praised, not tracked: {Wording.Brief(praised, state)}");
        if (unclear.Count > 0) notes.Add($"; unclear, not tracked: {Wording.Brief(unclear, state)}");
        notes.Add(unresolvedNote);
        var others = Explanation.Join("", notes);
        var told = Told(message, state, owed, praised, unclear, deadline);
        if (owed.Count == 0)
        {
            return new RuleResult(
                Verdict.Pass(Name, $"inspection 「{reading.Marker}」 by {inspector} names nobody for a problem{others}"), told);
        }

        return new RuleResult(
            Verdict.Hit(Name, $"inspection 「{reading.Marker}」 by {inspector} names {owed.Count} member(s) for a problem: {Wording.Brief(owed, state)}; phrase 「{policy.RectificationPhrase}」 due {Wording.Stamp(deadline, policy.Zone)}{others}"),
            [.. owed.Select(member => (Effect)new OpenRectification(message.SenderId, member, message.Text, deadline)), .. told]);
    }

    /// <summary>
    /// What each member @-mentioned in an inspection post is named for: a problem when any clause naming them states one,
    /// else unclear when any clause is unclear, else praise. Mentions are resolved against the roster.
    /// </summary>
    internal static Dictionary<string, Finding> Findings(string text, IReadOnlyList<string> mentions, GroupState state)
    {
        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var (member, clause) in Clauses(text, mentions, state))
        {
            findings[member] = (findings.GetValueOrDefault(member, Finding.Praise), clause.Finding) switch
            {
                (Finding.Problem, _) or (_, Finding.Problem) => Finding.Problem,
                (Finding.Unclear, _) or (_, Finding.Unclear) => Finding.Unclear,
                _ => Finding.Praise,
            };
        }

        return findings;
    }

    /// <summary>The clauses of an inspection post, each with the member (user id) it names.</summary>
    internal static IEnumerable<(string Member, NamedClause Clause)> Clauses(string text, IReadOnlyList<string> mentions, GroupState state)
    {
        var names = mentions.Concat(state.Group.Members.Select(state.NameOf)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var clause in InspectionClauses.Read(text, names))
        {
            var (members, _, _) = Roster.Resolve([clause.Name], state);
            foreach (var member in members) yield return (member, clause);
        }
    }

    /// <summary>
    /// The named members learn at once what to reply and by when, before anyone can be reported: in the group, answering
    /// the post and @-mentioning them, like a notice's tracking note; privately when the group is not to be told.
    /// </summary>
    private static List<Effect> Told(InboundMessage message, GroupState state, List<string> owed, List<string> praised, List<string> unclear, DateTimeOffset deadline)
    {
        var policy = state.Policy;
        var zone = policy.Zone;
        var inspector = state.NameOf(message.SenderId);
        var duty = string.Create(CultureInfo.InvariantCulture,
            $"请于{Wording.When(deadline, zone)}前在群里回复，并在回复后{Wording.Duration(policy.RectificationWindow)}内在群里反馈整改情况（文字或图片）；逾期未回复或未反馈的，将报校长室。\n{Wording.HowToReply(policy.RectificationPhrase, state)}");
        if (!policy.AnnounceTracking)
        {
            return [.. owed.Select(member => (Effect)new SendPrivate([member],
                $"{state.NameOf(member)}您好：\n{inspector}于{Wording.When(message.ReceivedAt, zone)}在工作群「{state.Group.Name}」发布检查通报，点名指出您的工作存在问题。{duty}",
                "rectification: the named member told privately"))];
        }

        if (owed.Count == 0 && unclear.Count == 0) return [];
        var text = new StringBuilder();
        text.Append(owed.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"【已开始跟踪整改】{inspector}的检查通报点名{owed.Count}位老师存在问题。{duty}")
            : $"【未跟踪整改】{inspector}的检查通报未点名任何老师存在问题，不跟踪回复。");
        if (praised.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n{Wording.Names(praised, state)}受到表扬，无需回复。");
        if (unclear.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n{Wording.Names(unclear, state)}：未能判断是否存在问题，不跟踪；如需整改，请另发通报写明问题。");
        if (owed.Count > 0) text.Append("\n需回复：");
        return [new PostToGroup(message.ChatId, text.ToString(), owed, "rectification: tracking announced", AnswersMessage: true)];
    }

    /// <summary>
    /// Whether <paramref name="text"/> is the rectification phrase, read as the notice phrase is read. 「马上」 may stand
    /// for 「立即」 (the school's own notice phrase says 「马上照办」), so 「…将马上整改」 counts too.
    /// </summary>
    internal static bool IsPhrase(string text, string phrase, IReadOnlyCollection<string>? names = null) =>
        ReplyMatcher.Matches(text, phrase, names)
        || (phrase.Contains("立即", StringComparison.Ordinal) && ReplyMatcher.Matches(text, phrase.Replace("立即", "马上", StringComparison.Ordinal), names));

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
