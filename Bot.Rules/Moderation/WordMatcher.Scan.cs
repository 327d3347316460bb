namespace Bot.Rules.Moderation;

public sealed partial class WordMatcher
{
    private const int MaxAllowedSpans = 32;
    private const int MaxPieces = 64;

    /// <summary>
    /// Scans one message and writes its hits, in the order they end, into <paramref name="hits"/>; returns how many were
    /// written (at most its length). Allocates nothing unless the matcher has regular-expression entries.
    /// </summary>
    public int Scan(ReadOnlySpan<char> text, Span<WordHit> hits)
    {
        var ctx = new ScanContext(
            text,
            hits,
            _hasAllowed ? stackalloc TextSpan[MaxAllowedSpans] : default,
            _wildcards.Length > 0 ? stackalloc PieceHit[MaxPieces] : default);
        // Positions in the original text of the last folded characters read: a hit of n folded characters starts
        // where the n-th last one was, whatever was skipped in between.
        Span<int> ring = stackalloc int[_ringSize];
        var mask = _ringSize - 1;

        var a = _automaton;
        var classOf = a.ClassOf;
        var slots = a.Slots;
        int s = 0, k = 0, previous = Automaton.Breaker, lastRead = int.MinValue / 2;
        for (var i = 0; i < text.Length; i++)
        {
            int cls = classOf[text[i]];
            if (cls <= Automaton.Skip)
            {
                if (cls == Automaton.Breaker)
                    s = 0;
                continue;
            }
            if (i - lastRead > MaxSeparatorRun + 1)
                s = 0;
            lastRead = i;

            var t = a.Next(s, cls);
            // 「赌赌博博」: a repeated character that leads nowhere deeper than a fresh start is read as one.
            if (cls == previous && s != 0 && a.IsShallow(t))
                continue;
            previous = cls;
            s = t;
            ring[++k & mask] = i;
            if (slots[s].Output != 0)
                Report(ref ctx, s, ring, k, i);
        }

        if (_wildcards.Length > 0)
            WildcardResolver.Resolve(ref ctx, _wildcards);
        _regexPass?.Run(ref ctx);
        if (_hasAllowed)
            ctx.RemoveAllowed();
        return ctx.Count;
    }

    /// <summary>
    /// Whether a word read from <paramref name="start"/> to <paramref name="end"/> stays in one sentence, or crosses a
    /// sentence end only as a disguise does: the same separator between every two of its characters, three or more of
    /// them (「赌！博！网！站」). 「…女性。学…」 holds no 「性学」.
    /// </summary>
    private static bool WithinOneSentence(ReadOnlySpan<char> text, int start, int end, ReadOnlySpan<int> ring, int k, int length)
    {
        if (end - start == length || !text[start..end].ContainsAny(TextBreaks.SentenceEnds))
            return true;
        if (length < 3)
            return false;
        var mask = ring.Length - 1;
        var first = k - length + 1;
        var gap = text[(ring[first & mask] + 1)..ring[(first + 1) & mask]];
        for (var j = 1; j < length - 1; j++)
        {
            var from = ring[(first + j) & mask] + 1;
            var to = ring[(first + j + 1) & mask];
            if (!text[from..to].SequenceEqual(gap))
                return false;
        }
        return true;
    }

    private void Report(ref ScanContext ctx, int node, ReadOnlySpan<int> ring, int k, int i)
    {
        var a = _automaton;
        var mask = ring.Length - 1;
        var slots = a.Slots;
        for (var o = slots[node].Output; o != 0; o = slots[slots[o].Fail].Output)
        {
            for (var id = a.TerminalAt[o]; id != 0; id = a.Terminals[id].Next)
            {
                ref readonly var t = ref a.Terminals[id];
                var start = ring[(k - t.Length + 1) & mask];
                var end = i + 1;
                if (!WithinOneSentence(ctx.Text, start, end, ring, k, t.Length))
                    continue;
                switch (t.Kind)
                {
                    case TerminalKind.Banned when ctx.StandsAlone(start, end, t.LeftBoundary, t.RightBoundary):
                        ctx.AddHit(new WordHit(start, end - start, t.Category, t.Index));
                        break;
                    case TerminalKind.Allowed:
                        ctx.AddAllowed(new TextSpan(start, end));
                        break;
                    case TerminalKind.WildcardPiece:
                        ctx.AddPiece(new PieceHit(t.Index, t.Piece, start, end));
                        break;
                }
            }
        }
    }
}
