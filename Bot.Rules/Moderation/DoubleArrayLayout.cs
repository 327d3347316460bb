namespace Bot.Rules.Moderation;

/// <summary>
/// Assigns each trie node a slot so that the children of a node with base b sit at b + class: first fit, scanning
/// free slots from the lowest one that is still free.
/// </summary>
internal static class DoubleArrayLayout
{
    /// <param name="first">Children of breadth-first node s are nodes first[s] .. first[s+1]-1, sorted by label.</param>
    /// <returns>The slot of every node; node 0, the root, is slot 0 with base 0.</returns>
    public static int[] Place(int[] first, ushort[] label, int n, int classCount, out int[] bases, out int[] checks)
    {
        var pos = new int[n];
        var size = n + classCount + 1;
        bases = new int[size];
        checks = new int[size];
        var used = new bool[size];
        Array.Fill(checks, Automaton.Free);
        used[0] = true;
        var lowestFree = 1;

        for (var s = 0; s < n; s++)
        {
            int lo = first[s], hi = first[s + 1];
            if (lo == hi)
                continue;
            int b;
            if (s == 0)
            {
                b = 0;
            }
            else
            {
                while (used[lowestFree])
                    lowestFree++;
                b = FindBase(used, label, lo, hi, lowestFree);
            }
            var needed = b + label[hi - 1] + classCount + 1;
            if (needed > used.Length)
            {
                var grown = Math.Max(needed, used.Length * 5 / 4);
                Array.Resize(ref used, grown);
                Array.Resize(ref bases, grown);
                var old = checks.Length;
                Array.Resize(ref checks, grown);
                checks.AsSpan(old).Fill(Automaton.Free);
            }
            bases[pos[s]] = b;
            for (var c = lo; c < hi; c++)
            {
                var t = b + label[c];
                used[t] = true;
                checks[t] = pos[s];
                pos[c] = t;
            }
        }

        var last = used.Length - 1;
        while (last > 0 && !used[last])
            last--;
        // Room for base + any class past the last used slot keeps every lookup in bounds but for negative bases.
        var length = last + classCount + 1;
        Array.Resize(ref bases, length);
        Array.Resize(ref checks, length);
        if (length > used.Length)
            checks.AsSpan(used.Length).Fill(Automaton.Free);
        return pos;
    }

    private static int FindBase(bool[] used, ushort[] label, int lo, int hi, int lowestFree)
    {
        for (var p = lowestFree; ; p++)
        {
            if (p < used.Length && used[p])
                continue;
            var b = p - label[lo];
            var fits = true;
            for (var c = lo + 1; c < hi && fits; c++)
            {
                var t = b + label[c];
                fits = t >= used.Length || !used[t];
            }
            if (fits)
                return b;
        }
    }
}
