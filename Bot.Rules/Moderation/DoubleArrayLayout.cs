namespace Bot.Rules.Moderation;

/// <summary>
/// Assigns each trie node a slot so that the children of a node with base b sit at b + class: first fit, scanning
/// free slots from the lowest one that is still free. Nodes are placed as the builder reaches them, parents first;
/// the slots are allocated once, at their final length, when every node is placed.
/// </summary>
internal sealed class DoubleArrayLayout
{
    private readonly int _classCount;
    private int[] _bases;
    private int[] _checks;
    private bool[] _used;
    private int _lowestFree = 1;
    private int _last;

    public DoubleArrayLayout(int nodeCount, int classCount)
    {
        _classCount = classCount;
        // First fit keeps the array dense: the last used slot ends up a little past the node count, and the array
        // needs a class count of room beyond it. Growing stays possible, but this size rarely needs it.
        var size = nodeCount + 2 * classCount + 1;
        _bases = new int[size];
        _checks = new int[size];
        _used = new bool[size];
        Array.Fill(_checks, Automaton.Free);
        _used[0] = true; // the root, slot 0 with base 0
    }

    /// <summary>Places the children of the node at slot <paramref name="parent"/>.</summary>
    /// <param name="labels">The children's classes, ascending.</param>
    /// <param name="childSlots">Receives the child's slot for each label.</param>
    public void PlaceChildren(int parent, bool isRoot, ReadOnlySpan<ushort> labels, Span<int> childSlots)
    {
        int b;
        if (isRoot)
        {
            b = 0;
        }
        else
        {
            while (_used[_lowestFree])
                _lowestFree++;
            b = FindBase(labels);
        }
        var needed = b + labels[^1] + _classCount + 1;
        if (needed > _used.Length)
            Grow(Math.Max(needed, _used.Length * 5 / 4));
        _bases[parent] = b;
        for (var i = 0; i < labels.Length; i++)
        {
            var t = b + labels[i];
            _used[t] = true;
            _checks[t] = parent;
            childSlots[i] = t;
        }
        _last = Math.Max(_last, b + labels[^1]);
    }

    /// <summary>
    /// The placed nodes as automaton slots (links still to compute), with room for base + any class past the last
    /// used slot, which keeps every lookup in bounds but for negative bases.
    /// </summary>
    public Slot[] ToSlots()
    {
        var slots = new Slot[_last + _classCount + 1];
        var placed = Math.Min(slots.Length, _used.Length);
        for (var i = 0; i < placed; i++)
            slots[i] = new Slot(_bases[i], _checks[i], 0, 0);
        for (var i = placed; i < slots.Length; i++)
            slots[i] = new Slot(0, Automaton.Free, 0, 0);
        return slots;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _used, size);
        Array.Resize(ref _bases, size);
        var old = _checks.Length;
        Array.Resize(ref _checks, size);
        _checks.AsSpan(old).Fill(Automaton.Free);
    }

    private int FindBase(ReadOnlySpan<ushort> labels)
    {
        var used = _used;
        for (var p = _lowestFree; ; p++)
        {
            if (p < used.Length && used[p])
                continue;
            var b = p - labels[0];
            var fits = true;
            for (var c = 1; c < labels.Length && fits; c++)
            {
                var t = b + labels[c];
                fits = t >= used.Length || !used[t];
            }
            if (fits)
                return b;
        }
    }
}
