using Bot.Rules.Messages;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Pipeline;

/// <summary>
/// Runs the rules in their listed order and applies each rule's mode: <c>Off</c> skips it, <c>Observe</c> keeps its
/// verdict and records but says nothing to anyone and counts no strike, <c>Enforce</c> keeps everything.
/// </summary>
public sealed class RulePipeline(IReadOnlyList<IRule> rules)
{
    public IReadOnlyList<IRule> Rules { get; } = rules;

    public Decision Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        var verdicts = new List<Verdict>(Rules.Count);
        var effects = new List<Effect>();
        foreach (var rule in Rules)
        {
            var mode = state.Policy.ModeOf(rule.Name, rule.DefaultMode);
            if (mode == RuleMode.Off)
            {
                verdicts.Add(new Verdict(rule.Name, Outcome.Off, mode, "off for this group"));
                continue;
            }

            var result = rule.Evaluate(message, state, now);
            verdicts.Add(result.Verdict with { Mode = mode });
            effects.AddRange(Moderated(mode, result.Effects));
        }

        return new Decision(verdicts, effects);
    }

    /// <summary>A rule's effects under its mode; timers use it too, under the mode of the rule that set them.</summary>
    public static IReadOnlyList<Effect> Moderated(RuleMode mode, IReadOnlyList<Effect> effects) => mode switch
    {
        RuleMode.Off => [],
        RuleMode.Observe => effects.Select(Observed).OfType<Effect>().ToList(),
        _ => effects,
    };

    /// <summary>In observe mode a rule records what it saw but neither speaks nor strikes.</summary>
    private static Effect? Observed(Effect effect) => effect switch
    {
        PostToGroup or SendPrivate => null,
        RecordViolation violation => violation with { Strike = false },
        _ => effect,
    };
}
