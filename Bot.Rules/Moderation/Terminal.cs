namespace Bot.Rules.Moderation;

internal enum TerminalKind : byte
{
    Banned,
    Allowed,
    WildcardPiece,
}

/// <summary>
/// What ends at an automaton node: a banned word, an allow-list word or one piece of a wildcard entry.
/// Several entries can fold to the same text; they share the node and are chained through <see cref="Next"/>.
/// </summary>
/// <param name="Index">The banned entry's index, the allow-list word's index, or the wildcard entry's index.</param>
/// <param name="Piece">For a wildcard piece, its position among the entry's pieces.</param>
/// <param name="Length">Length of the folded text, in folded characters.</param>
internal readonly record struct Terminal(
    TerminalKind Kind,
    int Index,
    int Piece,
    int Length,
    BannedCategory Category,
    bool LeftBoundary,
    bool RightBoundary,
    int Next = 0);
