namespace Bot.Rules.Moderation;

/// <summary>
/// Reads the text format of word lists (the shipped defaults and administrators' imports): one entry a line,
/// <c>#</c> starts a comment line, <c>re:</c> starts a regular expression, a <c>*</c> inside a word makes it a wildcard.
/// </summary>
public static class WordListParser
{
    public static IEnumerable<WordEntry> ParseEntries(string text, BannedCategory category)
    {
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("re:", StringComparison.Ordinal))
                yield return new WordEntry(line[3..], category, WordKind.Regex);
            else if (line.Contains('*', StringComparison.Ordinal))
                yield return new WordEntry(line, category, WordKind.Wildcard);
            else
                yield return new WordEntry(line, category);
        }
    }

    /// <summary>The lines of a list, trimmed, without blank lines and comments.</summary>
    public static IEnumerable<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
                yield return line;
        }
    }
}
