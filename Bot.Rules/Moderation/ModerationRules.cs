using Bot.Rules.Pipeline;

namespace Bot.Rules.Moderation;

/// <summary>The moderation rules in the order the pipeline runs them.</summary>
public static class ModerationRules
{
    /// <summary>
    /// Every rule judges every post (none stops the others), so the order decides how a decision reads and in which
    /// order its effects are applied and its messages sent.
    /// </summary>
    /// <param name="scanner">The banned-content scanner of the moment; see <see cref="BannedContentRule"/>.</param>
    public static IReadOnlyList<IRule> Create(Func<IContentScanner> scanner) =>
    [
        // First: a newcomer joins the roster before anything else is decided, so a notice opened by a later rule in the
        // same pipeline already asks them, and the owner hears who they are before hearing what they did.
        new RosterRule(),
        // The most serious finding leads the verdicts, and its group warning and strike come before any nudge.
        new BannedContentRule(scanner),
        // Timing next: a quiet-hours reminder is about the post as a whole, whatever it says.
        new QuietHoursRule(),
        // Conduct over several posts: flooding, then two members talking to each other.
        new FloodRule(),
        new PrivateChatRule(),
        // Last, the mildest: a long post is still welcome, better as a link.
        new LengthRule(),
    ];
}
