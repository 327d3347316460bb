using System.Globalization;
using System.Text;

namespace Bot.Rules.Moderation;

/// <summary>
/// Folds one character at a time, the way people disguise words: width (ＶＸ → vx), case, circled and full-width digits,
/// traditional → simplified, and characters that carry nothing (spaces, punctuation, symbols, emoji, zero-width marks)
/// folded to <see cref="Ignorable"/> so that the matcher can step over them.
/// </summary>
/// <remarks>
/// The whole mapping is one 64 K table computed once, so the scan folds as it reads, with no copy of the message.
/// Folding is one char to one char, which keeps every position of the folded text a position of the original.
/// </remarks>
public static class TextNormalizer
{
    /// <summary>What <see cref="Fold"/> returns for a character to skip between the characters of a word.</summary>
    public const char Ignorable = '\0';

    private static readonly char[] Table = BuildTable();

    /// <summary>The folded form of <paramref name="c"/>, or <see cref="Ignorable"/>.</summary>
    public static char Fold(char c) => Table[c];

    public static bool IsIgnorable(char c) => Table[c] == Ignorable;

    /// <summary>
    /// Folds every character and drops the ignorable ones: the form a word list entry is matched in. Returns
    /// <paramref name="text"/> itself when folding leaves it as it is, so that building a matcher copies only the
    /// entries that change.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            var f = Table[c];
            if (f != c || f == Ignorable)
                return Normalize(text.AsSpan());
        }
        return text;
    }

    /// <summary>Folds every character and drops the ignorable ones: the form a word list entry is matched in.</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            var f = Table[c];
            if (f != Ignorable)
                buffer[n++] = f;
        }
        return n == text.Length && text.SequenceEqual(buffer) ? text.ToString() : new string(buffer[..n]);
    }

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
            table[i] = FoldSlow((char)i);

        var pairs = TraditionalChinese.Pairs.AsSpan();
        foreach (var range in pairs.Split('\n'))
        {
            var l = pairs[range].Trim();
            for (var k = 0; k + 1 < l.Length; k += 2)
                table[l[k]] = l[k + 1];
        }

        // Second step for characters that fold onto a traditional one (a compatibility ideograph, say).
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var f = table[i];
            if (f != Ignorable && table[f] != Ignorable)
                table[i] = table[f];
        }
        return table;
    }

    private static char FoldSlow(char c)
    {
        if (c < 0x80)
            return char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : Ignorable;
        if (char.IsSurrogate(c))
            return Ignorable; // emoji and other astral symbols arrive as surrogate pairs
        if (c == '\u3007')
            return c; // 〇 is a numeral in Chinese text, not a symbol to skip
        if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            return Ignorable; // and normalisation refuses them

        var folded = Compatibility(c);
        if (char.IsAsciiLetterOrDigit(folded))
            return char.ToLowerInvariant(folded);
        folded = char.ToLowerInvariant(folded);
        return CharUnicodeInfo.GetUnicodeCategory(folded) switch
        {
            UnicodeCategory.DecimalDigitNumber => DecimalDigit(folded),
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber or UnicodeCategory.SpacingCombiningMark => folded,
            _ => Ignorable, // punctuation, symbols, spaces, controls, format and combining marks, unassigned, private use
        };
    }

    // NFKC of the single character when it stays a single character: full width, circled digits ① → 1, ⑴ → 1,
    // Kangxi radicals ⼀ → 一, compatibility ideographs. ⑩ → "10" is two characters and stays as it is.
    // On spans, so that building the table makes no string per character (the runtime's normalisation still
    // allocates a little per call; the table is built once per process).
    private static char Compatibility(char c)
    {
        ReadOnlySpan<char> s = [c];
        if (!s.IsNormalized(NormalizationForm.FormKC))
        {
            // Room for two: a result that does not fit is longer than one character, and stays unfolded anyway.
            Span<char> n = stackalloc char[2];
            if (s.TryNormalize(n, out var length, NormalizationForm.FormKC) && length == 1)
                return n[0];
        }
        return DingbatDigit(c) ?? c;
    }

    // ❶..❾ ➀..➈ ➊..➒ have no compatibility decomposition but are common in disguised phone numbers.
    private static char? DingbatDigit(char c) => c switch
    {
        >= '\u2776' and <= '\u277E' => (char)('1' + (c - '\u2776')),
        >= '\u2780' and <= '\u2788' => (char)('1' + (c - '\u2780')),
        >= '\u278A' and <= '\u2792' => (char)('1' + (c - '\u278A')),
        '\u24FF' => '0',
        _ => null,
    };

    private static char DecimalDigit(char c)
    {
        var v = CharUnicodeInfo.GetDecimalDigitValue(c);
        return v is >= 0 and <= 9 ? (char)('0' + v) : c;
    }
}
