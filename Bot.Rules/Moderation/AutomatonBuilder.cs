using System.Diagnostics;

namespace Bot.Rules.Moderation;

/// <summary>
/// Builds an <see cref="Automaton"/> from folded patterns: sorts them, walks the trie they spell breadth first straight
/// from the sorted list, places each node's children in the double array as it goes, then computes failure and output
/// links. No trie of objects: besides the automaton's own arrays, a few arrays of one int per node.
/// </summary>
internal static class AutomatonBuilder
{
    public static Automaton Build(PatternList patterns)
    {
        var count = patterns.Count;
        var texts = patterns.Texts;
        var terminals = patterns.Terminals;
        var charClass = AssignClasses(texts, count, out var classCount);
        var classOf = new ushort[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var f = TextNormalizer.Fold((char)c);
            classOf[c] = f == TextNormalizer.Ignorable ? (ushort)Automaton.Skip : charClass[f];
        }

        // Sorting by ordinal order sorts by class too, because classes are numbered in character order.
        Array.Sort(texts, terminals, 1, count, StringComparer.Ordinal);
        var chainOf = new int[count];
        var uniqueCount = Deduplicate(texts, terminals, count, chainOf);

        // common[u]: characters text u shares with text u - 1. Text u adds the trie nodes past them.
        var common = new ushort[uniqueCount];
        var n = 1;
        var maxDepth = 0;
        for (var u = 0; u < uniqueCount; u++)
        {
            var text = texts[u];
            common[u] = u == 0 ? (ushort)0 : (ushort)text.AsSpan().CommonPrefixLength(texts[u - 1]);
            n += text.Length - common[u];
            maxDepth = Math.Max(maxDepth, text.Length);
        }

        // Breadth first: the children of a node get consecutive numbers. A node at depth d stands for the run of
        // sorted texts from first[node] on that share d characters with it (common >= d); its children are the
        // sub-runs that share d + 1.
        var slotOf = new int[n];
        var first = new int[n];
        var terminalOf = new int[n];
        var labels = new ushort[classCount];
        var layout = new DoubleArrayLayout(n, classCount);
        int next = 1, depth = 0, levelEnd = 1;
        for (var s = 0; s < n; s++)
        {
            if (s == levelEnd)
            {
                depth++;
                levelEnd = next;
            }
            var a = first[s];
            var inRun = a < uniqueCount; // false only for the root of an empty list
            if (inRun && texts[a].Length == depth)
            {
                terminalOf[s] = chainOf[a++];
                inRun = a < uniqueCount && common[a] >= depth;
            }
            var k = 0;
            while (inRun)
            {
                labels[k] = charClass[texts[a][depth]];
                first[next + k] = a;
                k++;
                a++;
                while (a < uniqueCount && common[a] > depth)
                    a++;
                inRun = a < uniqueCount && common[a] == depth;
            }
            if (k == 0)
                continue;
            layout.PlaceChildren(slotOf[s], s == 0, labels.AsSpan(0, k), slotOf.AsSpan(next, k));
            next += k;
        }
        Debug.Assert(next == n, "every node was numbered");

        var slots = layout.ToSlots();
        var terminalAt = new int[slots.Length];
        for (var s = 0; s < n; s++)
            terminalAt[slotOf[s]] = terminalOf[s];
        var automaton = new Automaton(classOf, slots, terminalAt, terminals, n, maxDepth);
        Link(automaton, slotOf);
        return automaton;
    }

    // Failure and output links, breadth first. A node's class is its slot minus its parent's base.
    private static void Link(Automaton automaton, int[] slotOf)
    {
        var slots = automaton.Slots;
        var terminalAt = automaton.TerminalAt;
        for (var c = 1; c < slotOf.Length; c++)
        {
            // The parent's failure link is already final: its depth is smaller, so it was numbered earlier.
            var pc = slotOf[c];
            var ps = slots[pc].Check;
            var fail = ps == 0 ? 0 : automaton.Next(slots[ps].Fail, pc - slots[ps].Base);
            var output = terminalAt[pc] != 0 ? pc : slots[fail].Output;
            slots[pc] = slots[pc] with { Fail = fail, Output = output };
        }
    }

    private static ushort[] AssignClasses(string[] texts, int count, out int classCount)
    {
        var present = new bool[char.MaxValue + 1];
        for (var i = 1; i <= count; i++)
        {
            foreach (var c in texts[i])
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

    /// <summary>
    /// Moves the distinct texts of the sorted <paramref name="texts"/> (1 .. <paramref name="count"/>) to the front
    /// (0 .. result - 1), with in <paramref name="chainOf"/> the terminal that heads the chain of everything that folds to
    /// that text; terminals keep their sorted position as their number.
    /// </summary>
    private static int Deduplicate(string[] texts, Terminal[] terminals, int count, int[] chainOf)
    {
        var u = 0;
        for (var id = 1; id <= count; id++)
        {
            var folded = texts[id];
            var terminal = terminals[id];
            if (u > 0 && texts[u - 1] == folded)
            {
                // The same folded word twice in the lists (QQ and qq, 賭博 and 赌博) is one hit, not two.
                if (terminal.Kind == TerminalKind.Banned && ChainHasBanned(terminals, chainOf[u - 1]))
                {
                    terminals[id] = default;
                    continue;
                }
                terminals[id] = terminal with { Next = chainOf[u - 1] };
                chainOf[u - 1] = id;
            }
            else
            {
                texts[u] = folded;
                chainOf[u] = id;
                u++;
            }
        }
        return u;
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
