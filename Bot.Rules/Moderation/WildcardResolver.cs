namespace Bot.Rules.Moderation;

internal readonly record struct WildcardEntry(int EntryIndex, int PieceCount, BannedCategory Category);

/// <summary>
/// Joins the pieces of wildcard entries (<c>加*微信</c>) that the automaton found, each piece starting after at most
/// <see cref="WordMatcher.WildcardMaxGap"/> characters of the same sentence. Works on the pieces found in one message,
/// a few at most, and on the short gaps between them.
/// </summary>
internal static class WildcardResolver
{
    public static void Resolve(ref ScanContext ctx, ReadOnlySpan<WildcardEntry> wildcards)
    {
        var pieces = ctx.Pieces;
        var lastEnd = -1;
        var lastWildcard = -1;
        foreach (var first in pieces)
        {
            if (first.Piece != 0 || (first.Wildcard == lastWildcard && first.Start < lastEnd))
                continue;
            var w = wildcards[first.Wildcard];
            var end = first.End;
            for (var p = 1; p < w.PieceCount && end >= 0; p++)
                end = NextPieceEnd(ctx.Text, pieces, first.Wildcard, p, end);
            if (end < 0)
                continue;
            ctx.AddHit(new WordHit(first.Start, end - first.Start, w.Category, w.EntryIndex));
            (lastWildcard, lastEnd) = (first.Wildcard, end);
        }
    }

    private static int NextPieceEnd(ReadOnlySpan<char> text, ReadOnlySpan<PieceHit> pieces, int wildcard, int piece, int after)
    {
        var best = -1;
        foreach (var q in pieces)
        {
            if (q.Wildcard == wildcard && q.Piece == piece && q.Start >= after && q.Start - after <= WordMatcher.WildcardMaxSpan
                && (best < 0 || q.End < best) && IsShortGap(text[after..q.Start]))
                best = q.End;
        }
        return best;
    }

    private static bool IsShortGap(ReadOnlySpan<char> gap)
    {
        if (gap.ContainsAny(TextBreaks.SentenceEnds)) return false;
        var meaningful = 0;
        foreach (var c in gap)
        {
            if (!TextNormalizer.IsIgnorable(c)) meaningful++;
        }
        return meaningful <= WordMatcher.WildcardMaxGap;
    }
}
