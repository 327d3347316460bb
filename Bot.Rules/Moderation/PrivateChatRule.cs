using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 不进行私人聊天: two members addressing each other back and forth (A's post @-mentions B, then B's mentions A, …)
/// <see cref="GroupPolicy.PrivateChatTurns"/> times within <see cref="GroupPolicy.PrivateChatWindow"/> get a private
/// nudge, both of them, to go on privately. Consecutive posts by the same member are one turn; other members' posts in
/// between do not break the exchange. Enforced by default, yet quiet: it speaks only at the turn that reaches K exactly,
/// once per exchange, and only to the two people concerned. Recorded without a strike.
/// </summary>
public sealed class PrivateChatRule : IRule
{
    public string Name => "private-chat";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        var policy = state.Policy;
        var window = policy.PrivateChatWindow;
        var me = message.SenderId;
        var addressed = message.Mentions
            .Select(mention => MemberPosts.ResolveMention(mention, state))
            .Where(id => !string.Equals(id, me, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (addressed.Count == 0) return RuleResult.Pass(Name, "addresses no one");

        var recent = MemberPosts.Within(state, message.ReceivedAt, policy.PrivateChatWindow).OrderBy(post => post.At).ToList();
        var most = (Other: addressed[0], Turns: 0);
        foreach (var other in addressed)
        {
            var (turns, newTurn) = Turns(recent, me, other, state);
            if (turns == policy.PrivateChatTurns && newTurn)
            {
                Explanation evidence = $"{state.Who(me)}↔{state.Who(other)} {turns} turns within {window}";
                var text = $"{state.NameOf(me)}、{state.NameOf(other)}您好，二位在群里{ModerationText.Chinese(policy.PrivateChatWindow)}内已来回交流{turns}次。"
                    + "本群规定不进行私人聊天，请私聊沟通，谢谢配合。";
                return RuleResult.Hit(
                    Name,
                    evidence,
                    new SendPrivate([me, other], text, $"{Name}: {evidence}"),
                    new RecordViolation(Name, "private-chat", evidence, Strike: false));
            }

            if (turns > most.Turns) most = (other, turns);
        }

        return RuleResult.Pass(Name, $"{state.Who(me)}↔{state.Who(most.Other)} {most.Turns} turn{(most.Turns == 1 ? "" : "s")} within {window}, limit {policy.PrivateChatTurns}");
    }

    /// <summary>
    /// The turns of the exchange between <paramref name="me"/> and <paramref name="other"/>, this post included, and
    /// whether this post starts a turn (the previous post of the exchange was the other's) rather than continuing mine.
    /// </summary>
    private static (int Turns, bool NewTurn) Turns(List<RecentPost> recent, string me, string other, GroupState state)
    {
        var turns = 1;
        var speaking = me;
        bool? newTurn = null;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            var speaker = recent[i].SenderId;
            var listener = string.Equals(speaker, me, StringComparison.Ordinal) ? other
                : string.Equals(speaker, other, StringComparison.Ordinal) ? me
                : null;
            if (listener is null || !recent[i].Mentions.Any(m => string.Equals(MemberPosts.ResolveMention(m, state), listener, StringComparison.Ordinal))) continue;

            newTurn ??= !string.Equals(speaker, me, StringComparison.Ordinal);
            if (!string.Equals(speaker, speaking, StringComparison.Ordinal))
            {
                turns++;
                speaking = speaker;
            }
        }

        return (turns, newTurn ?? true);
    }
}
