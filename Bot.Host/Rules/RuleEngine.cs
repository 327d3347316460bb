using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Microsoft.Extensions.Options;

namespace Bot.Host.Rules;

/// <summary>The configured default policy, merged and validated once at start-up.</summary>
public sealed record PolicyDefaults(GroupPolicy Policy);

/// <summary>Builds the pipeline for one message with the content scanner of that moment.</summary>
public sealed class RuleEngine(PolicyDefaults defaults)
{
    public GroupPolicy DefaultPolicy => defaults.Policy;

    public static RulePipeline Pipeline(IContentScanner scanner) => new(
    [
        // Moderation first: a newcomer joins the roster before a notice in the same message could ask them.
        .. ModerationRules.Create(() => scanner),
    ]);
}
