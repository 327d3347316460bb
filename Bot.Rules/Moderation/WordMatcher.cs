using System.Numerics;

namespace Bot.Rules.Moderation;

/// <summary>
/// Finds banned entries in a message in one pass over its text, whatever the number of words: an Aho–Corasick
/// automaton over folded characters (<see cref="TextNormalizer"/>) that steps over separators and repeated characters,
/// then a bounded pass for wildcard entries over the pieces found, then regular expressions in their own pass.
/// An allow-list word wins over every hit that lies inside it. Built once, read by any number of threads.
/// </summary>
public sealed partial class WordMatcher
{
    /// <summary>
    /// Most characters a <c>*</c> of a wildcard entry stands for, separators aside; never a sentence end or a line break
    /// (<see cref="TextBreaks"/>). 「为加强学校网站和微信公众服务平台」 holds no 「加*微信」.
    /// </summary>
    public const int WildcardMaxGap = 4;

    /// <summary>Most characters a <c>*</c> spans in all, separators included.</summary>
    public const int WildcardMaxSpan = 12;

    /// <summary>Most skipped characters (separators, emoji halves) between two characters of one word.</summary>
    public const int MaxSeparatorRun = 8;

    /// <summary>Longest word, in folded characters, that an entry may have.</summary>
    public const int MaxWordLength = 256;

    private readonly Automaton _automaton;
    private readonly WordEntry[] _entries;
    private readonly WildcardEntry[] _wildcards;
    private readonly RegexPass? _regexPass;
    private readonly bool _hasAllowed;
    private readonly int _ringSize;

    private WordMatcher(
        Automaton automaton, WordEntry[] entries, WildcardEntry[] wildcards, RegexPass? regexPass, bool hasAllowed)
    {
        _automaton = automaton;
        _entries = entries;
        _wildcards = wildcards;
        _regexPass = regexPass;
        _hasAllowed = hasAllowed;
        _ringSize = (int)BitOperations.RoundUpToPowerOf2((uint)automaton.MaxDepth + 1);
    }

    /// <summary>The banned entries, by <see cref="WordHit.EntryIndex"/>.</summary>
    public IReadOnlyList<WordEntry> Entries => _entries;

    /// <summary>The entry behind a hit: its pattern is the evidence a verdict quotes.</summary>
    public WordEntry Entry(int entryIndex) => _entries[entryIndex];

    public string PatternOf(in WordHit hit) => _entries[hit.EntryIndex].Pattern;

    /// <summary>Automaton nodes, for diagnostics and the benchmark.</summary>
    public int NodeCount => _automaton.NodeCount;

    /// <summary>Builds the matcher. Entries that fold to nothing (only separators) are kept but can never hit.</summary>
    /// <exception cref="ArgumentException">An entry is longer than <see cref="MaxWordLength"/> or a regex is invalid.</exception>
    public static WordMatcher Build(IEnumerable<WordEntry> banned, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(banned);
        ArgumentNullException.ThrowIfNull(allowed);
        var entries = banned.ToArray();
        var knownAllowed = allowed.TryGetNonEnumeratedCount(out var n) ? n : 0;
        var patterns = new PatternList(entries.Length + knownAllowed);
        var wildcards = new List<WildcardEntry>();
        var regexes = new List<RegexEntry>();

        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            switch (e.Kind)
            {
                case WordKind.Plain:
                    Add(patterns, e.Pattern, TerminalKind.Banned, i, 0, e.Category);
                    break;
                case WordKind.Wildcard:
                    var pieces = e.Pattern.Split('*')
                        .Select(p => TextNormalizer.Normalize(p))
                        .Where(p => p.Length > 0)
                        .ToArray();
                    if (pieces.Length == 1)
                    {
                        Add(patterns, pieces[0], TerminalKind.Banned, i, 0, e.Category);
                        break;
                    }
                    for (var p = 0; p < pieces.Length; p++)
                        Add(patterns, pieces[p], TerminalKind.WildcardPiece, wildcards.Count, p, e.Category);
                    wildcards.Add(new WildcardEntry(i, pieces.Length, e.Category));
                    break;
                case WordKind.Regex:
                    regexes.Add(RegexEntry.Compile(e, i));
                    break;
                default:
                    throw new ArgumentException($"entry {i} '{e.Pattern}' has an unknown kind {e.Kind}", nameof(banned));
            }
        }

        var allowCount = 0;
        foreach (var word in allowed)
            Add(patterns, word, TerminalKind.Allowed, allowCount++, 0, default);

        var automaton = AutomatonBuilder.Build(patterns);
        var regexPass = regexes.Count > 0 ? new RegexPass([.. regexes]) : null;
        return new WordMatcher(automaton, entries, [.. wildcards], regexPass, allowCount > 0);
    }

    /// <summary>All hits of a message, allocated; <see cref="Scan"/> is the allocation-free form.</summary>
    public IReadOnlyList<WordHit> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new WordHit[Math.Max(16, text.Length)];
        var n = Scan(text, buffer);
        return buffer.AsSpan(0, n).ToArray();
    }

    private static void Add(
        PatternList patterns, string text, TerminalKind kind, int index, int piece,
        BannedCategory category)
    {
        var folded = TextNormalizer.Normalize(text);
        if (folded.Length == 0)
            return;
        if (folded.Length > MaxWordLength)
            throw new ArgumentException($"'{text}' is longer than {MaxWordLength} characters", nameof(text));
        var terminal = new Terminal(
            kind, index, piece, folded.Length, category,
            LeftBoundary: char.IsAsciiLetter(folded[0]), RightBoundary: char.IsAsciiLetter(folded[^1]));
        patterns.Add(folded, terminal);
    }
}
