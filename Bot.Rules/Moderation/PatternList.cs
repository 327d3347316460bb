namespace Bot.Rules.Moderation;

/// <summary>
/// The folded patterns of a matcher and what each one is, gathered before the build. Two parallel arrays rather than
/// a list of pairs: <see cref="AutomatonBuilder"/> sorts them together and keeps the terminals array as the automaton's
/// table of terminals, in place. Both are numbered from 1: terminal 0 means "nothing ends here".
/// </summary>
internal sealed class PatternList(int capacity)
{
    private string[] _texts = new string[capacity + 1];
    private Terminal[] _terminals = new Terminal[capacity + 1];

    public int Count { get; private set; }

    /// <param name="folded">Folded text: no ignorable characters, not empty.</param>
    public void Add(string folded, Terminal terminal)
    {
        if (Count + 1 == _texts.Length)
        {
            var grown = Math.Max(4, _texts.Length * 2);
            Array.Resize(ref _texts, grown);
            Array.Resize(ref _terminals, grown);
        }
        Count++;
        _texts[Count] = folded;
        _terminals[Count] = terminal;
    }

    /// <summary>The texts, at 1 .. <see cref="Count"/>; the builder reorders them.</summary>
    public string[] Texts => _texts;

    /// <summary>The terminals, at 1 .. <see cref="Count"/>, in an array exactly <c>Count + 1</c> long.</summary>
    public Terminal[] Terminals
    {
        get
        {
            if (_terminals.Length != Count + 1)
                Array.Resize(ref _terminals, Count + 1);
            return _terminals;
        }
    }
}
