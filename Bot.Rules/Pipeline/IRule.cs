using Bot.Rules.Messages;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Pipeline;

/// <summary>One rule of the pipeline: a named check that explains its answer and may ask for effects.</summary>
public interface IRule
{
    /// <summary>The rule's stable name, used in verdicts, violations and the policy's <c>Modes</c>.</summary>
    string Name { get; }

    /// <summary>The mode when the group's policy does not name one.</summary>
    RuleMode DefaultMode { get; }

    RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now);
}

public sealed record RuleResult(Verdict Verdict, IReadOnlyList<Effect> Effects)
{
    public static RuleResult Pass(string rule, Explanation why) => new(Verdict.Pass(rule, why), []);
    public static RuleResult Hit(string rule, Explanation why, params Effect[] effects) => new(Verdict.Hit(rule, why), effects);
}

/// <summary>Every verdict of one evaluation, and the effects to commit.</summary>
public sealed record Decision(IReadOnlyList<Verdict> Verdicts, IReadOnlyList<Effect> Effects);
