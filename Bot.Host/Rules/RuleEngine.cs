using Bot.Rules.Acknowledgement;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.Routing;
using Microsoft.Extensions.Options;

namespace Bot.Host.Rules;

/// <summary>The configured default policy, merged and validated once at start-up.</summary>
public sealed record PolicyDefaults(GroupPolicy Policy);

/// <summary>Builds the pipeline for one message with the content scanner of that moment.</summary>
public sealed class RuleEngine(PolicyDefaults defaults)
{
    public GroupPolicy DefaultPolicy => defaults.Policy;

    public static RulePipeline Pipeline(IContentScanner scanner) => new(Compose(() => scanner));

    /// <summary>Every rule, in the pipeline's order, for its name and default mode (the policy form lists them); judges nothing.</summary>
    public static IReadOnlyList<IRule> Rules { get; } = Compose(() => throw new InvalidOperationException("this list only names the rules"));

    private static IReadOnlyList<IRule> Compose(Func<IContentScanner> scanner) =>
    [
        // Moderation first: the roster learns a newcomer, and the most serious findings lead the explanation.
        .. ModerationRules.Create(scanner),
        // Then the notice discipline: commands, replies and explanations, rectifications, new notices.
        .. AckRules.All,
        // Last: a notice just read in a group the bot cannot post to is answered to its issuer at once.
        new PostingRouteRule(),
    ];
}
