using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// 三、群员职责 3: a notice ending with 「收到请回复：我已知晓，马上照办（坚决执行）！」 asks every member (or only those it
/// @-mentions) to reply with that phrase; one marked 「此条信息不必回复！」 asks nobody.
/// </summary>
public sealed class NoticeRule : IRule
{
    public const string RuleName = "notice";

    public string Name => RuleName;

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");

        var reading = PostReading.Of(message.Text, state.Policy);
        switch (reading.Kind)
        {
            case PostKind.NoReply:
                return RuleResult.Pass(Name, $"no-reply marker 「{reading.Marker}」");
            case PostKind.Inspection:
                return RuleResult.Pass(Name, $"inspection post (「{reading.Marker}」), tracked by rectification");
            case PostKind.None:
                return RuleResult.Pass(Name, reading.Marker == "no marker"
                    ? (Explanation)$"no request marker in {message.Text.Length} chars"
                    : (Explanation)$"not a notice: {reading.Marker}");
        }

        var issuer = state.NameOf(message.SenderId);
        if (!Roster.MayIssue(message.SenderId, state))
        {
            return RuleResult.Pass(Name, $"request marker 「{reading.Marker}」 from {issuer}, who may not issue notices ({Roster.DescribeScope(state)})");
        }

        var (asked, unresolved, named) = Asked(message, state);
        var unresolvedNote = Roster.Unresolved(unresolved);
        if (asked.Count == 0)
        {
            return RuleResult.Pass(Name, $"request marker 「{reading.Marker}」 from {issuer}, but nobody to ask{unresolvedNote}");
        }

        // The reply window runs only while members may post: a notice posted at 23:30 is answered after 06:30.
        var policy = state.Policy;
        var deadline = QuietHours.AfterAllowed(policy, now, policy.ReplyWindow);
        var quiet = deadline - now > policy.ReplyWindow
            ? (Explanation)$" ({Wording.Duration(policy.ReplyWindow)} outside quiet hours {QuietHours.Describe(policy.QuietHours)})"
            : "";
        Explanation detail =
            $"opened for {asked.Count} members{(named ? (Explanation)" (@-mentioned)" : "")} by {issuer}, phrase 「{reading.Phrase}」, deadline {Wording.Stamp(deadline, policy.Zone)}{quiet}{unresolvedNote}";
        var open = new OpenNotice(message.SenderId, message.Text, reading.Phrase, asked, deadline);
        return policy.AnnounceTracking
            ? RuleResult.Hit(Name, $"{detail}; tracking announced", open, TrackingNote(message, state, reading.Phrase, asked.Count, deadline))
            : RuleResult.Hit(Name, detail, open);
    }

    /// <summary>
    /// The bot's answer to the notice: that it is tracking, until when, and how to reply so that WeCom shows the bot the
    /// reply. Members learn the rule here, from the notice, rather than from a reminder that names them.
    /// </summary>
    private static PostToGroup TrackingNote(InboundMessage message, GroupState state, string phrase, int asked, DateTimeOffset deadline)
    {
        var urgent = QuietHours.WindowAt(state.Policy, message.ReceivedAt) is not null
            && state.Policy.UrgencyMarkers.Any(m => m.Length > 0 && message.Text.Contains(m, StringComparison.Ordinal));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"【已开始统计回复】{state.NameOf(message.SenderId)}的通知需{asked}人回复，截止{Wording.When(deadline, state.Policy.Zone)}。\n{Wording.HowToReply(phrase, state)}");
        return new PostToGroup(message.ChatId, text, [], "notice: tracking announced", Urgent: urgent, AnswersMessage: true);
    }

    /// <summary>
    /// The members @-mentioned, when the notice names any on the roster; else the roster without the issuer and the
    /// policy's exempt members. Someone named explicitly is asked even if exempt: the issuer chose them.
    /// </summary>
    private static (List<string> Asked, List<string> Unresolved, bool Named) Asked(InboundMessage message, GroupState state)
    {
        var (mentioned, unresolved, everyone) = Roster.Resolve(message.Mentions, state);
        mentioned.Remove(message.SenderId);
        if (mentioned.Count > 0 && !everyone) return (mentioned, unresolved, true);

        var exempt = new HashSet<string>(state.Policy.ExemptMembers, StringComparer.Ordinal) { message.SenderId };
        var asked = state.Group.Members.Where(m => !exempt.Contains(m)).Distinct(StringComparer.Ordinal).ToList();
        return (asked, unresolved, false);
    }
}
