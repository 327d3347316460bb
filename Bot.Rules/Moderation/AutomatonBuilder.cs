namespace Bot.Rules.Moderation;

/// <summary>Builds an <see cref="Automaton"/> from folded patterns, breadth first from the sorted list.</summary>
internal static class AutomatonBuilder
{
    /// <param name="patterns">Folded texts (no ignorable characters, none empty) and what each one is.</param>
    public static Automaton Build(List<(string Folded, Terminal Terminal)> patterns)
    {
        var charClass = AssignClasses(patterns, out var classCount);
        var classOf = new ushort[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var f = TextNormalizer.Fold((char)c);
            classOf[c] = f == TextNormalizer.Ignorable ? (ushort)Automaton.Skip : charClass[f];
        }

        // Sorting by ordinal order sorts by class too, because classes are numbered in character order.
        patterns.Sort(static (a, b) => string.CompareOrdinal(a.Folded, b.Folded));
        var (unique, terminals) = Deduplicate(patterns);

        var capacity = 1;
        var maxDepth = 0;
        foreach (var u in unique)
        {
            capacity += u.Text.Length;
            maxDepth = Math.Max(maxDepth, u.Text.Length);
        }

        var first = new int[capacity + 1];
        var label = new ushort[capacity];
        var terminalAt = new int[capacity];
        var lo = new int[capacity];
        var hi = new int[capacity];
        var depth = new int[capacity];
        hi[0] = unique.Count;
        var n = 1;
        for (var s = 0; s < n; s++)
        {
            int a = lo[s], b = hi[s], d = depth[s];
            if (a < b && unique[a].Text.Length == d)
                terminalAt[s] = unique[a++].Terminal;
            first[s] = n;
            while (a < b)
            {
                var ch = unique[a].Text[d];
                var g = a + 1;
                while (g < b && unique[g].Text[d] == ch)
                    g++;
                label[n] = charClass[ch];
                lo[n] = a;
                hi[n] = g;
                depth[n] = d + 1;
                n++;
                a = g;
            }
        }
        first[n] = n;

        return Link(classOf, first, label, terminalAt, terminals, n, maxDepth, classCount);
    }

    // Places the breadth-first trie into a double array, then computes failure and output links.
    private static Automaton Link(
        ushort[] classOf, int[] first, ushort[] label, int[] terminalAt, Terminal[] terminals, int n, int maxDepth,
        int classCount)
    {
        var pos = DoubleArrayLayout.Place(first, label, n, classCount, out var bases, out var checks);
        var slots = new Slot[bases.Length];
        var terminalAtSlot = new int[bases.Length];
        for (var i = 0; i < slots.Length; i++)
            slots[i] = new Slot(bases[i], checks[i], 0, 0);
        for (var s = 0; s < n; s++)
            terminalAtSlot[pos[s]] = terminalAt[s];

        var automaton = new Automaton(classOf, slots, terminalAtSlot, terminals, n, maxDepth);
        for (var s = 0; s < n; s++)
        {
            var ps = pos[s];
            for (var c = first[s]; c < first[s + 1]; c++)
            {
                // The parent's failure link is already final: its depth is smaller, so it was numbered earlier.
                var pc = pos[c];
                var fail = s == 0 ? 0 : automaton.Next(slots[ps].Fail, label[c]);
                var output = terminalAtSlot[pc] != 0 ? pc : slots[fail].Output;
                slots[pc] = slots[pc] with { Fail = fail, Output = output };
            }
        }
        return automaton;
    }

    private static ushort[] AssignClasses(List<(string Folded, Terminal Terminal)> patterns, out int classCount)
    {
        var present = new bool[char.MaxValue + 1];
        foreach (var (folded, _) in patterns)
        {
            foreach (var c in folded)
                present[c] = true;
        }
        var charClass = new ushort[char.MaxValue + 1];
        var next = Automaton.Skip + 1;
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (present[c])
                charClass[c] = (ushort)next++;
        }
        if (next > ushort.MaxValue)
            throw new InvalidOperationException("The word lists use more distinct characters than the automaton can hold.");
        classCount = next;
        return charClass;
    }

    private static (List<(string Text, int Terminal)> Unique, Terminal[] Terminals) Deduplicate(
        List<(string Folded, Terminal Terminal)> sorted)
    {
        var unique = new List<(string Text, int Terminal)>(sorted.Count);
        var terminals = new Terminal[sorted.Count + 1]; // 0 means "nothing ends here"
        for (var i = 0; i < sorted.Count; i++)
        {
            var id = i + 1;
            var (folded, terminal) = sorted[i];
            if (unique.Count > 0 && unique[^1].Text == folded)
            {
                // The same folded word twice in the lists (QQ and qq, 賭博 and 赌博) is one hit, not two.
                if (terminal.Kind == TerminalKind.Banned && ChainHasBanned(terminals, unique[^1].Terminal))
                    continue;
                terminals[id] = terminal with { Next = unique[^1].Terminal };
                unique[^1] = (folded, id);
            }
            else
            {
                terminals[id] = terminal;
                unique.Add((folded, id));
            }
        }
        return (unique, terminals);
    }

    private static bool ChainHasBanned(Terminal[] terminals, int id)
    {
        for (; id != 0; id = terminals[id].Next)
        {
            if (terminals[id].Kind == TerminalKind.Banned)
                return true;
        }
        return false;
    }
}
