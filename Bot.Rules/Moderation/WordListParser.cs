namespace Bot.Rules.Moderation;

/// <summary>A line of a list that was not taken, and why.</summary>
public sealed record RefusedLine(int Line, string Text, WordProblem Problem);

/// <summary>A list read from its text: the entries, and every line refused (<see cref="WordEntryRules"/>).</summary>
public sealed record ParsedList(IReadOnlyList<WordEntry> Entries, IReadOnlyList<RefusedLine> Refused);

/// <summary>
/// Reads the text format of word lists (the shipped defaults, administrators' imports, the benchmark's list): one entry
/// a line, <c>#</c> starts a comment line, <c>re:</c> starts a regular expression, a <c>*</c> inside a word makes it a
/// wildcard. Every entry is checked as it is read; a bad one is refused with its line number, never quietly changed.
/// </summary>
public static class WordListParser
{
    /// <param name="category">The entries' category; for the allow-list (<paramref name="allowList"/>) it is not used.</param>
    public static ParsedList Parse(string text, BannedCategory category, bool allowList = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<WordEntry>();
        var refused = new List<RefusedLine>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Only white space is trimmed: a control character is refused, not cut off (「q\x7f」 is not 「q」).
            var line = lines[i].Trim(' ', '\t', '\r', '\u3000');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var entry = Read(line, category, allowList);
            if (WordEntryRules.Check(entry.Pattern, entry.Kind, allowList) is { } problem)
                refused.Add(new RefusedLine(i + 1, line, problem));
            else
                entries.Add(entry);
        }
        return new ParsedList(entries, refused);
    }

    private static WordEntry Read(string line, BannedCategory category, bool allowList) =>
        allowList ? new WordEntry(line, category)
        : line.StartsWith("re:", StringComparison.Ordinal) ? new WordEntry(line[3..], category, WordKind.Regex)
        : line.Contains('*', StringComparison.Ordinal) ? new WordEntry(line, category, WordKind.Wildcard)
        : new WordEntry(line, category);
}
