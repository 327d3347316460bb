using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// 三、群员职责 4: a member's reply with the phrase closes their duty under every live notice posted before it that
/// asks them (a quote of one notice picks only that one); after the reminder, a 情况说明 closes it too.
/// </summary>
public sealed class ReplyRule : IRule
{
    public const string RuleName = "acknowledgement";

    public string Name => RuleName;

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");

        var sender = message.SenderId;
        var name = state.NameOf(sender);
        var live = Notices.Live(state, message.ChatId, now);
        var owed = live.Where(n => Notices.DutyOf(n, sender) is { Closed: false }).ToList();
        var unreplied = live.Where(n => Notices.DutyOf(n, sender) is { Replied: false }).ToList();
        if (unreplied.Count == 0)
        {
            return RuleResult.Pass(Name, string.Create(CultureInfo.InvariantCulture, $"no open notice awaits a reply from {name} ({live.Count} live)"));
        }

        // A quote of one live notice narrows the reply to it, even when that notice is already answered.
        var quoted = Notices.Quoted(message.Quote, live, n => n.Text, n => n.PostedAt);

        var replied = unreplied.Where(n => ReplyMatcher.Matches(message.Text, n.Phrase)).ToList();
        if (replied.Count > 0) return Reply(message, state, now, Narrow(replied, quoted));

        if (Markers.Find(message.Text, state.Policy.ExplanationMarkers) is { } marker)
        {
            return Explain(message, state, now, marker, Narrow(owed.Where(n => n.RemindedAt is not null).ToList(), quoted), owed.Count);
        }

        var phrases = string.Join(" / ", unreplied.Select(n => n.Phrase).Distinct().Select(p => $"「{p}」"));
        return RuleResult.Pass(Name, string.Create(CultureInfo.InvariantCulture,
            $"{name} owes {unreplied.Count} notice(s) ({phrases}); this message is not the phrase"));
    }

    private RuleResult Reply(InboundMessage message, GroupState state, DateTimeOffset now, List<NoticeState> notices)
    {
        var name = state.NameOf(message.SenderId);
        if (notices.Count == 0) return RuleResult.Pass(Name, $"{name} quoted a notice already answered");

        var effects = new List<Effect>();
        var late = new List<string>();
        foreach (var notice in notices)
        {
            var isLate = now > notice.ReplyDeadline;
            if (isLate) late.Add(string.Create(CultureInfo.InvariantCulture, $"#{notice.Id} (deadline {Wording.Stamp(notice.ReplyDeadline, state.Policy.Zone)})"));
            effects.Add(new RecordReply(notice.Id, message.SenderId, now, isLate));
            if (Notices.LastOpenDuty(notice, message.SenderId)) effects.Add(new CloseNotice(notice.Id, now));
        }

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"「{notices[0].Phrase}」 from {name} covers {notices.Count} notice(s): {Ids(notices)}{(message.Quote is null ? "" : " (quoted)")}");
        if (late.Count > 0) detail += $"; late on {string.Join(", ", late)}";
        return new RuleResult(Verdict.Hit(Name, detail), effects);
    }

    private RuleResult Explain(InboundMessage message, GroupState state, DateTimeOffset now, string marker, List<NoticeState> reminded, int owed)
    {
        var name = state.NameOf(message.SenderId);
        if (reminded.Count == 0)
        {
            return RuleResult.Pass(Name, string.Create(CultureInfo.InvariantCulture,
                $"explanation marker 「{marker}」 from {name}, but none of the {owed} notice(s) they owe has been reminded yet"));
        }

        var effects = new List<Effect>();
        foreach (var notice in reminded)
        {
            effects.Add(new RecordExplanation(notice.Id, message.SenderId, now));
            if (Notices.LastOpenDuty(notice, message.SenderId)) effects.Add(new CloseNotice(notice.Id, now));
        }

        return new RuleResult(
            Verdict.Hit(Name, string.Create(CultureInfo.InvariantCulture, $"explanation marker 「{marker}」 from {name} covers {reminded.Count} reminded notice(s): {Ids(reminded)}")),
            effects);
    }

    private static List<NoticeState> Narrow(List<NoticeState> candidates, NoticeState? quoted) =>
        quoted is null ? candidates : candidates.Where(n => n.Id == quoted.Id).ToList();

    private static string Ids(IEnumerable<NoticeState> notices) =>
        string.Join(", ", notices.Select(n => string.Create(CultureInfo.InvariantCulture, $"#{n.Id}")));
}
