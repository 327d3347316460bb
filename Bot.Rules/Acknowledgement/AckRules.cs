using Bot.Rules.Pipeline;

namespace Bot.Rules.Acknowledgement;

/// <summary>The acknowledgement and rectification rules, in the order the pipeline should run them.</summary>
public static class AckRules
{
    /// <summary>
    /// Rules that act on what already exists come before rules that open something new, so that within one
    /// message's transaction the effects on existing notices are applied before any new notice or rectification:
    /// <list type="number">
    /// <item><see cref="CommandRule"/>: a command is the whole text and is for the bot, so its verdict leads the
    /// explanation; a 「撤销」 is applied before anything else in the same transaction.</item>
    /// <item><see cref="ReplyRule"/>: replies and explanations to live notices.</item>
    /// <item><see cref="RectificationRule"/>: replies and evidence to open rectifications, then new inspections.</item>
    /// <item><see cref="NoticeRule"/>: new notices, last.</item>
    /// </list>
    /// The four never claim the same message for the same purpose: <see cref="PostReading"/> decides once whether a
    /// post is a notice or an inspection, and a reply is never a notice.
    /// </summary>
    public static IReadOnlyList<IRule> All { get; } = [new CommandRule(), new ReplyRule(), new RectificationRule(), new NoticeRule()];
}
