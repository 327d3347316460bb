namespace Bot.Rules.Moderation;

/// <summary>
/// A banned entry found in a message: <paramref name="Start"/> and <paramref name="Length"/> are positions in the
/// original text, so the evidence quotes exactly what was posted; <paramref name="EntryIndex"/> names the entry
/// (<see cref="WordMatcher.Entry"/>).
/// </summary>
public readonly record struct WordHit(int Start, int Length, BannedCategory Category, int EntryIndex)
{
    public int End => Start + Length;
}
