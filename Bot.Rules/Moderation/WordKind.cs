namespace Bot.Rules.Moderation;

public enum WordKind
{
    /// <summary>The word itself, matched after folding and across inserted separators.</summary>
    Plain,

    /// <summary>Pieces joined by <c>*</c>, each <c>*</c> standing for up to <see cref="WordMatcher.WildcardMaxGap"/> characters: <c>加*微信</c>.</summary>
    Wildcard,

    /// <summary>A .NET regular expression, run in its own bounded pass over the folded text.</summary>
    Regex,
}
