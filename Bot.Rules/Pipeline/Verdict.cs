using Bot.Rules.Policy;

namespace Bot.Rules.Pipeline;

public enum Outcome { Pass, Hit, Off }

/// <summary>
/// A rule's answer to one message, given also when it passes, so every decision explains itself:
/// "banned-content: pass, 0 hits in 37 chars"; "quiet-hours: hit, 23:05 in 23:00–06:30 Asia/Shanghai".
/// </summary>
public sealed record Verdict(string Rule, Outcome Outcome, RuleMode Mode, string Detail)
{
    public override string ToString() => $"{Rule}: {Outcome.ToString().ToLowerInvariant()}, {Detail}";

    public static Verdict Pass(string rule, string detail) => new(rule, Outcome.Pass, RuleMode.Enforce, detail);
    public static Verdict Hit(string rule, string detail) => new(rule, Outcome.Hit, RuleMode.Enforce, detail);
}
