using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>A word of a <see cref="Vocabulary"/> found in folded text, at a folded position.</summary>
internal readonly record struct Occurrence(int Start, string Word)
{
    public int End => Start + Word.Length;
}

/// <summary>
/// A set of words read in folded text (<see cref="FoldedText"/>): one vectorised search says whether any of them occurs,
/// so a detector whose words are absent costs one pass and no allocation; then each occurrence with its word. Words are
/// written as people write them and folded here, as the text is.
/// </summary>
internal sealed class Vocabulary
{
    private readonly SearchValues<string> _search;
    private readonly string[] _longestFirst;

    public Vocabulary(params string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        _longestFirst = [.. words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderByDescending(w => w.Length)];
        _search = SearchValues.Create(_longestFirst, StringComparison.Ordinal);
    }

    public IReadOnlyList<string> Words => _longestFirst;

    public bool In(ReadOnlySpan<char> text) => text.ContainsAny(_search);

    /// <summary>The longest word that starts at <paramref name="i"/>, or null.</summary>
    public string? At(ReadOnlySpan<char> text, int i)
    {
        foreach (var word in _longestFirst)
        {
            if (text[i..].StartsWith(word, StringComparison.Ordinal)) return word;
        }
        return null;
    }

    /// <summary>Whether a word ends exactly at <paramref name="end"/>: 「不得」 right before 「外传」.</summary>
    public bool EndsAt(ReadOnlySpan<char> text, int end)
    {
        foreach (var word in _longestFirst)
        {
            if (text[..end].EndsWith(word, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The first occurrence, the longest word at its place, or null.</summary>
    public Occurrence? First(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(_search);
        return at < 0 ? null : new Occurrence(at, At(text, at)!);
    }

    /// <summary>Every occurrence, left to right, each the longest word at its place; overlapping ones included.</summary>
    public List<Occurrence> All(ReadOnlySpan<char> text)
    {
        var found = new List<Occurrence>();
        for (var from = 0; from < text.Length;)
        {
            var i = text[from..].IndexOfAny(_search);
            if (i < 0) break;
            var at = from + i;
            found.Add(new Occurrence(at, At(text, at)!));
            from = at + 1;
        }
        return found;
    }
}
