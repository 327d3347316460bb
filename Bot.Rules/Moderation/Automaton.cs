using System.Runtime.CompilerServices;

namespace Bot.Rules.Moderation;

/// <summary>One node of the double-array automaton, in one 16-byte slot so that a step reads one cache line.</summary>
/// <param name="Base">Children of this node sit at <c>Base + class</c>.</param>
/// <param name="Check">The parent's slot, or -1 for a free slot: a transition is real when the child checks back.</param>
/// <param name="Fail">Aho–Corasick failure link.</param>
/// <param name="Output">The nearest slot on the failure chain (itself included) where something ends, or 0.</param>
internal record struct Slot(int Base, int Check, int Fail, int Output);

/// <summary>
/// An Aho–Corasick automaton laid out as a double-array trie: from slot s on class c the next slot is
/// <c>Slots[s].Base + c</c> if that slot checks back to s. Characters are remapped to small classes first
/// (0 breaks a word, 1 is skipped), which keeps the array barely larger than the number of nodes.
/// The root is slot 0 with base 0, so the root's child for class c is slot c.
/// </summary>
internal sealed class Automaton(ushort[] classOf, Slot[] slots, int[] terminalAt, Terminal[] terminals, int nodeCount, int maxDepth)
{
    public const int Breaker = 0;
    public const int Skip = 1;
    public const int Free = -1;

    /// <summary>Class of every UTF-16 unit of the raw text, folding included.</summary>
    public ushort[] ClassOf { get; } = classOf;

    public Slot[] Slots { get; } = slots;

    /// <summary>Index into <see cref="Terminals"/> of what ends at the slot, or 0.</summary>
    public int[] TerminalAt { get; } = terminalAt;

    public Terminal[] Terminals { get; } = terminals;
    public int NodeCount { get; } = nodeCount;
    public int MaxDepth { get; } = maxDepth;

    /// <summary>The slot reached from <paramref name="s"/> on <paramref name="cls"/>, following failure links.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int s, int cls)
    {
        var slots = Slots;
        while (true)
        {
            var t = slots[s].Base + cls;
            if ((uint)t < (uint)slots.Length && slots[t].Check == s)
                return t;
            if (s == 0)
                return 0;
            s = slots[s].Fail;
        }
    }

    /// <summary>Whether a slot is the root or a child of the root.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsShallow(int s) => s == 0 || Slots[s].Check == 0;

    /// <summary>Managed size of the arrays, for the benchmark report.</summary>
    public long SizeInBytes =>
        ClassOf.Length * 2L + Slots.Length * 16L + TerminalAt.Length * 4L + Terminals.Length * 32L;
}
