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
