using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.State;
using Bot.Rules.Pipeline;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// Whether a message answers something the bot or a notice asked of its sender: a command addressed to the bot, a reply
/// (or an attempt at one) to a notice the sender owes, a 情况说明 after the reminder, a rectification reply or its
/// evidence. Such a message is a duty done, not chatter: other rules (quiet hours, flooding) must not hold it against
/// the member who did what was asked.
/// </summary>
public static class Answers
{
    /// <summary>What the message answers, in words for the verdict, or <c>null</c> when it answers nothing.</summary>
    public static Explanation? Of(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return null;
        if (CommandRule.Parse(message.Text) is { } command) return $"a command for the bot (「{command.Word}」)";

        var sender = message.SenderId;
        var live = Notices.Live(state, message.ChatId, now);
        var names = ReplyRule.NamesFor(message, state, live);
        foreach (var notice in live)
        {
            if (Notices.DutyOf(notice, sender) is not { Closed: false }) continue;
            if (ReplyRule.Read(message, state, now, notice, names).Kind != ReplyKind.Other) return $"a reply to notice #{notice.Id}";
            if (notice.RemindedAt is not null && SituationReports.Reason(message.Text, state.Policy.ExplanationMarkers, names) is not null)
                return $"an explanation (情况说明) for notice #{notice.Id}";
        }

        var policy = state.Policy;
        foreach (var rectification in state.OpenRectifications.Where(r => r.ChatId == message.ChatId && r.MemberId == sender && r.PostedAt <= now))
        {
            var answers = rectification.Stage switch
            {
                RectificationStage.AwaitingReply => ReplyMatcher.Matches(message.Text, policy.RectificationPhrase, names),
                RectificationStage.AwaitingEvidence => RectificationRule.Evidence(message, policy) is not null,
                _ => false,
            };
            if (answers) return $"an answer to rectification #{rectification.Id}";
        }

        return null;
    }
}
