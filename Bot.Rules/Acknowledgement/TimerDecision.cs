using Bot.Rules.Pipeline;
using Bot.Rules.Policy;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// A timer's decision under the mode of the rule that set the timer, as <see cref="RulePipeline"/> would apply it:
/// <c>Off</c> does nothing, <c>Observe</c> records state changes but neither posts nor sends.
/// </summary>
internal static class TimerDecision
{
    public static Decision Of(GroupPolicy policy, string rule, Verdict verdict, IReadOnlyList<Effect> effects)
    {
        var mode = policy.ModeOf(rule, RuleMode.Enforce);
        return mode switch
        {
            RuleMode.Off => new([new Verdict(rule, Outcome.Off, mode, "off for this group")], []),
            _ => new([verdict with { Mode = mode }], RulePipeline.Moderated(mode, effects)),
        };
    }

    public static Decision Pass(GroupPolicy policy, string rule, string detail) => Of(policy, rule, Verdict.Pass(rule, detail), []);
}
