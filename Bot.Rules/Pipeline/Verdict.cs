using Bot.Rules.Policy;

namespace Bot.Rules.Pipeline;

public enum Outcome { Pass, Hit, Off }

/// <summary>
/// A rule's answer to one message, given also when it passes, so every decision explains itself:
/// "banned-content: pass, 0 hits in 37 chars"; "quiet-hours: hit, 23:05 in 23:00–06:30 Asia/Shanghai".
/// </summary>
/// <param name="Why">The evidence, its values kept apart from its English wording (see <see cref="Explanation"/>).</param>
public sealed record Verdict(string Rule, Outcome Outcome, RuleMode Mode, Explanation Why)
{
    /// <summary>The evidence in English, as the admin API and the logs show it.</summary>
    public string Detail => Why.ToString();

    public override string ToString() => $"{Rule}: {Outcome.ToString().ToLowerInvariant()}, {Detail}";

    public static Verdict Pass(string rule, Explanation why) => new(rule, Outcome.Pass, RuleMode.Enforce, why);
    public static Verdict Hit(string rule, Explanation why) => new(rule, Outcome.Hit, RuleMode.Enforce, why);
}
