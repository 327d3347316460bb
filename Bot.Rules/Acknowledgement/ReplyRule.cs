using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// 三、群员职责 4: a member's reply with the phrase (read as a person reads it, see <see cref="ReplyMatcher"/>, and joined
/// to their previous post when sent in two halves) closes their duty under every live notice posted before it that they
/// still owe (a quote of one notice picks only that one; see <see cref="Answered"/>); after the reminder, a 情况说明
/// (see <see cref="Explanations"/>) closes it too. An acknowledgement that is not the phrase (「收到」「👌」) does not
/// count, since the policy asks for the phrase, but the member is told so privately at once, once per notice, so that
/// nobody learns it from a public reminder.
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
        // Only what the member still owes: a reply or 情况说明 already recorded is never written over.
        var owed = live.Where(n => Notices.DutyOf(n, sender) is { Closed: false }).ToList();
        if (owed.Count == 0)
        {
            return RuleResult.Pass(Name, $"no open notice awaits a reply from {name} ({live.Count} live)");
        }

        // A quote of one live notice narrows the reply to it, even when that notice is already answered.
        var quoted = Notices.Quoted(message.Quote, live, n => n.Text, n => n.PostedAt);
        var names = NamesFor(message, state, live);
        var readings = owed.ToDictionary(n => n.Id, n => Read(message, state, now, n, names));

        var replied = owed.Where(n => readings[n.Id].Kind == ReplyKind.Phrase).ToList();
        if (replied.Count > 0) return Reply(message, state, now, Answered(replied, quoted, sender), readings[replied[0].Id]);

        var reminded = Answered(owed.Where(n => n.RemindedAt is not null).ToList(), quoted, sender);
        if (reminded.Count > 0 && SituationReports.Reason(message.Text, state.Policy.ExplanationMarkers, names) is { } reason)
        {
            // 「抱歉刚看到，我已知晓，马上照办」: the phrase said inside the explanation is a (late) reply.
            var saying = reminded.Where(n => SituationReports.SaysPhrase(message.Text, n.Phrase, names)).ToList();
            if (saying.Count == 0) return Explain(message, state, now, reason, reminded);
            var reply = Reply(message, state, now, saying, new ReplyReading(ReplyKind.Phrase, $"the phrase inside an explanation (「{reason}」)"));
            if (saying.Count == reminded.Count) return reply;
            var explanation = Explain(message, state, now, reason, reminded.Except(saying).ToList());
            return new RuleResult(Verdict.Hit(Name, $"{reply.Verdict.Detail}; {explanation.Verdict.Detail}"), [.. reply.Effects, .. explanation.Effects]);
        }

        var almost = Narrow(owed.Where(n => readings[n.Id].Kind == ReplyKind.Almost).ToList(), quoted);
        if (almost.Count > 0) return Hint(message, state, now, almost, readings[almost[0].Id]);

        var phrases = string.Join(" / ", owed.Select(n => n.Phrase).Distinct().Select(p => $"「{p}」"));
        return RuleResult.Pass(Name, $"{name} owes {owed.Count} notice(s) ({phrases}); this message is not a reply ({readings[owed[0].Id].Detail})");
    }

    /// <summary>
    /// How the message reads as a reply to <paramref name="notice"/>. A reply sent in two halves (「我已知晓，」 then
    /// 「马上照办」) is read joined to the member's previous post, when that came after the notice and shortly before.
    /// </summary>
    internal static ReplyReading Read(InboundMessage message, GroupState state, DateTimeOffset now, NoticeState notice, IReadOnlyCollection<string> names)
    {
        var alone = ReplyMatcher.Read(message.Text, notice.Phrase, names);
        // A notice that asks for a short word (「收到请回复1」) is also answered by the school's own phrase: whoever types
        // 「我已知晓，马上照办」 has acknowledged it, and more than the word asked.
        if (alone.Kind != ReplyKind.Phrase && notice.Phrase.Length <= AckPhrase.MaxTokenLength && notice.Phrase != state.Policy.AckPhrase
            && ReplyMatcher.Read(message.Text, state.Policy.AckPhrase, names) is { Kind: ReplyKind.Phrase } standard) return standard;
        if (alone.Kind == ReplyKind.Phrase || PreviousPost(message, state, now) is not { } previous || previous.At < notice.PostedAt) return alone;

        var joined = ReplyMatcher.Read(previous.Text + message.Text, notice.Phrase, names);
        return joined.Kind == ReplyKind.Phrase ? joined with { Detail = $"{joined.Detail}, with the previous message 「{Wording.Short(previous.Text, 20)}」" } : alone;
    }

    /// <summary>How far apart the two halves of one reply may be sent.</summary>
    internal static readonly TimeSpan SplitReplyGap = TimeSpan.FromMinutes(2);

    /// <summary>The sender's latest post in the group before this message, when within <see cref="SplitReplyGap"/>.</summary>
    private static RecentPost? PreviousPost(InboundMessage message, GroupState state, DateTimeOffset now) =>
        state.RecentPosts
            .Where(p => string.Equals(p.SenderId, message.SenderId, StringComparison.Ordinal) && p.At <= now)
            .OrderBy(p => p.At)
            .LastOrDefault() is { } previous && previous.At >= now - SplitReplyGap ? previous : null;

    /// <summary>
    /// The notices a message answers among those it could (<paramref name="candidates"/>, oldest first): the quoted one;
    /// else every one not yet reported to the member's supervisor, as one reply acknowledges all notices open at once;
    /// else, when all were reported, the newest. An answer to a new notice is never written onto an older notice the
    /// member was already reported for.
    /// </summary>
    internal static List<NoticeState> Answered(List<NoticeState> candidates, NoticeState? quoted, string sender)
    {
        if (quoted is not null) return Narrow(candidates, quoted);
        var unreported = candidates.Where(n => Notices.DutyOf(n, sender) is { Escalated: false }).ToList();
        return unreported.Count > 0 || candidates.Count == 0 ? unreported : [candidates[^1]];
    }

    /// <summary>
    /// The names a reply may carry as a signature or a mention without changing what it says: the sender's (as WeCom
    /// shows it and as the directory has it) and the issuers' of the live notices.
    /// </summary>
    internal static IReadOnlyCollection<string> NamesFor(InboundMessage message, GroupState state, IEnumerable<NoticeState> live) =>
        new[] { message.SenderName, state.NameOf(message.SenderId) }
            .Concat(live.Select(n => state.NameOf(n.IssuerId)))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private RuleResult Reply(InboundMessage message, GroupState state, DateTimeOffset now, List<NoticeState> notices, ReplyReading reading)
    {
        var name = state.NameOf(message.SenderId);
        if (notices.Count == 0) return RuleResult.Pass(Name, $"{name} quoted a notice already answered");

        var effects = new List<Effect>();
        var late = new List<Explanation>();
        foreach (var notice in notices)
        {
            var isLate = now > notice.ReplyDeadline;
            if (isLate) late.Add($"#{notice.Id} (deadline {Wording.Stamp(notice.ReplyDeadline, state.Policy.Zone)})");
            effects.Add(new RecordReply(notice.Id, message.SenderId, now, isLate));
            if (Notices.LastOpenDuty(notice, message.SenderId)) effects.Add(new CloseNotice(notice.Id, now));
        }

        Explanation detail = $"「{notices[0].Phrase}」 from {name} ({reading.Detail}) covers {notices.Count} notice(s): {Ids(notices)}{(message.Quote is null ? "" : (Explanation)" (quoted)")}";
        if (late.Count > 0) detail = $"{detail}; late on {Explanation.Join(", ", late)}";
        return new RuleResult(Verdict.Hit(Name, detail), effects);
    }

    private RuleResult Explain(InboundMessage message, GroupState state, DateTimeOffset now, string reason, List<NoticeState> reminded)
    {
        var name = state.NameOf(message.SenderId);

        var effects = new List<Effect>();
        foreach (var notice in reminded)
        {
            effects.Add(new RecordExplanation(notice.Id, message.SenderId, now));
            if (Notices.LastOpenDuty(notice, message.SenderId)) effects.Add(new CloseNotice(notice.Id, now));
        }

        return new RuleResult(
            Verdict.Hit(Name, $"explanation 「{reason}」 from {name} covers {reminded.Count} reminded notice(s): {Ids(reminded)}"),
            effects);
    }

    /// <summary>
    /// An acknowledgement that is not the phrase: not counted; the member is told privately, right away (they are
    /// awake and waiting for it to count), which words do, once per notice and only where the group wants it.
    /// </summary>
    private RuleResult Hint(InboundMessage message, GroupState state, DateTimeOffset now, List<NoticeState> notices, ReplyReading reading)
    {
        var name = state.NameOf(message.SenderId);
        var notHinted = notices.Where(n => Notices.DutyOf(n, message.SenderId)?.HintedAt is null).ToList();
        Explanation what = $"「{Wording.Short(message.Text, 20)}」 from {name} is not 「{notices[0].Phrase}」 ({reading.Detail}): not counted for {Ids(notices)}";
        if (!state.Policy.PhraseHints) return RuleResult.Pass(Name, $"{what}; hints are off for this group");
        if (notHinted.Count == 0) return RuleResult.Pass(Name, $"{what}; already told which words count");

        var notice = notHinted[^1];
        var zone = state.Policy.Zone;
        var text = $"{name}您好：您在群里的回复「{Wording.Short(message.Text, 20)}」还不能登记。{state.NameOf(notice.IssuerId)}的通知「{Wording.Short(notice.Text, 20)}」"
            + $"要求回复「{Wording.Exclaimed(notice.Phrase)}」（前面可以加“好的”“收到”）。请在群里{(state.Group.MentionRequired ? $" @{state.Policy.BotName} " : "")}发送这句话，我就为您登记。"
            + (now <= notice.ReplyDeadline ? $"回复截止：{Wording.When(notice.ReplyDeadline, zone)}。" : "");
        var effects = new List<Effect> { new SendPrivate([message.SenderId], text, string.Create(CultureInfo.InvariantCulture, $"notice #{notice.Id}: which words count"), Urgent: true) };
        effects.AddRange(notHinted.Select(n => new RecordPhraseHint(n.Id, message.SenderId, now)));
        return new RuleResult(Verdict.Hit(Name, $"{what}; told privately which words count"), effects);
    }

    private static List<NoticeState> Narrow(List<NoticeState> candidates, NoticeState? quoted) =>
        quoted is null ? candidates : candidates.Where(n => n.Id == quoted.Id).ToList();

    private static string Ids(IEnumerable<NoticeState> notices) =>
        string.Join(", ", notices.Select(n => string.Create(CultureInfo.InvariantCulture, $"#{n.Id}")));
}
