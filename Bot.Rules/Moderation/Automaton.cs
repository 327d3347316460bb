namespace Bot.Rules.Moderation;

/// <summary>
/// An Aho–Corasick automaton in flat arrays. Nodes are numbered breadth first, so the children of node s are the
/// nodes <c>First[s] .. First[s+1]-1</c>, sorted by their <see cref="Label"/>, and every node of depth ≤ 1 has a number
/// below <see cref="Depth2Start"/>. Characters are remapped to small classes: 0 breaks a word, 1 is skipped.
/// </summary>
internal sealed class Automaton(
    ushort[] classOf, int[] rootNext, int[] first, ushort[] label, int[] fail, int[] output, int[] terminalAt,
    Terminal[] terminals, int maxDepth)
{
    public const int Breaker = 0;
    public const int Skip = 1;

    /// <summary>Class of every UTF-16 unit of the raw text, folding included.</summary>
    public ushort[] ClassOf { get; } = classOf;

    /// <summary>The root's transitions, dense: most characters of a message are read at the root.</summary>
    public int[] RootNext { get; } = rootNext;

    public int[] First { get; } = first;
    public ushort[] Label { get; } = label;
    public int[] Fail { get; } = fail;

    /// <summary>The nearest node on the failure chain (the node itself included) where something ends, or 0.</summary>
    public int[] Output { get; } = output;

    /// <summary>Index into <see cref="Terminals"/> of what ends at the node, or 0.</summary>
    public int[] TerminalAt { get; } = terminalAt;

    public Terminal[] Terminals { get; } = terminals;
    public int MaxDepth { get; } = maxDepth;
    public int Depth2Start { get; } = first.Length > 1 ? first[1] : 1;
    public int NodeCount => Label.Length;

    /// <summary>The node reached from <paramref name="s"/> on <paramref name="cls"/>, following failure links.</summary>
    public int Next(int s, int cls)
    {
        var first = First;
        var label = Label;
        while (s != 0)
        {
            var lo = first[s];
            var n = first[s + 1] - lo;
            if (n == 1)
            {
                if (label[lo] == cls)
                    return lo;
            }
            else if (n > 1)
            {
                var at = n <= 16
                    ? label.AsSpan(lo, n).IndexOf((ushort)cls)
                    : label.AsSpan(lo, n).BinarySearch((ushort)cls);
                if (at >= 0)
                    return lo + at;
            }
            s = Fail[s];
        }
        return RootNext[cls];
    }

    /// <summary>Approximate managed size of the arrays, for the benchmark report.</summary>
    public long SizeInBytes =>
        ClassOf.Length * 2L + RootNext.Length * 4L + First.Length * 4L + Label.Length * 2L + Fail.Length * 4L
        + Output.Length * 4L + TerminalAt.Length * 4L + Terminals.Length * 32L;
}
