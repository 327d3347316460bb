using System.Buffers;
using System.Text.RegularExpressions;

namespace Bot.Rules.Moderation;

internal sealed record RegexEntry(Regex Regex, int EntryIndex, BannedCategory Category)
{
    // NonBacktracking: linear in the message, whatever the pattern; no catastrophic backtracking to bound. It refuses
    // lookarounds, backreferences and atomic groups, so an entry is checked with exactly these options.
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    public static RegexEntry Compile(WordEntry entry, int index)
    {
        try
        {
            return new RegexEntry(new Regex(entry.Pattern, Options), index, entry.Category);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"entry {index} 're:{entry.Pattern}' is not a usable regular expression: {e.Message}", e);
        }
    }

    /// <summary>Why the live matcher could not run <paramref name="pattern"/>, or null.</summary>
    public static WordProblem? Problem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return new($"is not a usable regular expression: {e.Message}",
                $"不是可用的正则表达式（不支持环视、后向引用等）：{e.Message}");
        }
    }
}

/// <summary>
/// Runs the regular-expression entries over the folded message (same length as the original, separators kept, so a
/// match's position is the original's). A pass of its own, so that a few regexes never slow the word scan.
/// </summary>
internal sealed class RegexPass(RegexEntry[] entries)
{
    private const int StackLimit = 512;

    public void Run(ref ScanContext ctx)
    {
        var text = ctx.Text;
        char[]? rented = null;
        var folded = text.Length <= StackLimit
            ? stackalloc char[text.Length]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var f = TextNormalizer.Fold(text[i]);
            folded[i] = f == TextNormalizer.Ignorable ? text[i] : f;
        }

        foreach (var entry in entries)
        {
            foreach (var m in entry.Regex.EnumerateMatches(folded))
            {
                if (m.Length > 0)
                    ctx.AddHit(new WordHit(m.Index, m.Length, entry.Category, entry.EntryIndex));
            }
        }

        if (rented is not null)
            ArrayPool<char>.Shared.Return(rented);
    }
}
