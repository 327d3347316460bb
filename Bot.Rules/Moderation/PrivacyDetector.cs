namespace Bot.Rules.Moderation;

/// <summary>
/// Finds personal data posted in a group: mainland mobile numbers, resident ID numbers, bank card numbers and e-mail
/// addresses, also when written with spaces, dashes or dots between digit groups, or with full-width or circled digits.
/// Numbers are only reported when their check digit (ID: ISO 7064, card: Luhn) holds, so order numbers and dates pass.
/// </summary>
public static class PrivacyDetector
{
    private const int MaxDigits = 64;
    private const int MaxGroups = 24;
    private const int MaxSeparatorsBetweenGroups = 3;

    public static IReadOnlyList<PrivacyHit> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new PrivacyHit[Math.Max(4, text.Length / 5)];
        return buffer.AsSpan(0, Scan(text, buffer)).ToArray();
    }

    /// <summary>Writes the hits, in text order, into <paramref name="hits"/> and returns how many were written.</summary>
    public static int Scan(ReadOnlySpan<char> text, Span<PrivacyHit> hits)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length && count < hits.Length)
        {
            if (IsDigit(text[i]))
                i = ScanNumber(text, i, hits, ref count);
            else
                i++;
        }
        count += SpelledMobiles(text, hits[count..]);
        return count + EmailDetector.Scan(text, hits[count..]);
    }

    /// <summary>Mobile numbers spelled in Chinese numerals to get past number filters: 「一三八零零一三八零零零」, 「壹叁玖…」.</summary>
    private static int SpelledMobiles(ReadOnlySpan<char> text, Span<PrivacyHit> hits)
    {
        var count = 0;
        Span<char> digits = stackalloc char[11];
        for (var i = 0; i < text.Length && count < hits.Length;)
        {
            var n = 0;
            while (i + n < text.Length && SolicitationVocabulary.Digit(text[i + n]) is { } d)
            {
                if (n < digits.Length) digits[n] = d;
                n++;
            }
            if (n == 11 && IsMobile(digits))
                hits[count++] = new PrivacyHit(i, n, PrivacyKind.Mobile);
            i += Math.Max(1, n);
        }
        return count;
    }

    // Reads a run of digit groups from `start` and reports every span of whole groups that forms a number we know.
    private static int ScanNumber(ReadOnlySpan<char> text, int start, Span<PrivacyHit> hits, ref int count)
    {
        Span<char> digits = stackalloc char[MaxDigits];
        Span<int> digitPos = stackalloc int[MaxDigits];
        Span<int> groupStart = stackalloc int[MaxGroups + 1];
        int n = 0, groups = 0, gap = 0, i = start;
        for (; i < text.Length && n < MaxDigits; i++)
        {
            var f = TextNormalizer.Fold(text[i]);
            var isCheckX = f == 'x' && n == 17 && gap == 0;
            if (char.IsAsciiDigit(f) || isCheckX)
            {
                if (n == 0 || gap > 0)
                {
                    if (groups == MaxGroups)
                        break;
                    groupStart[groups++] = n;
                }
                digitPos[n] = i;
                digits[n++] = f;
                gap = 0;
                if (isCheckX)
                {
                    i++;
                    break;
                }
            }
            else if (IsGroupSeparator(text[i]) && gap < MaxSeparatorsBetweenGroups)
                gap++;
            else
                break;
        }
        groupStart[groups] = n;

        for (var g = 0; g < groups && count < hits.Length; g++)
        {
            for (var h = groups - 1; h >= g; h--)
            {
                var from = groupStart[g];
                var to = groupStart[h + 1];
                if (Classify(digits[from..to]) is { } kind)
                {
                    var s = digitPos[from];
                    hits[count++] = new PrivacyHit(s, digitPos[to - 1] + 1 - s, kind);
                    g = h;
                    break;
                }
            }
        }
        return n > 0 ? digitPos[n - 1] + 1 : i;
    }

    private static PrivacyKind? Classify(ReadOnlySpan<char> d) => d.Length switch
    {
        11 when IsMobile(d) => PrivacyKind.Mobile,
        13 when d.StartsWith("86") && IsMobile(d[2..]) => PrivacyKind.Mobile,
        18 when Checksums.IsValidResidentId(d) => PrivacyKind.IdCard,
        >= 16 and <= 19 when Checksums.IsBankCard(d) => PrivacyKind.BankCard,
        _ => null,
    };

    private static bool IsMobile(ReadOnlySpan<char> d) => d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9';

    private static bool IsDigit(char c) => char.IsAsciiDigit(TextNormalizer.Fold(c));

    // What people put between digit groups: 138 1234 5678, 138-1234-5678, 138.1234.5678, zero-width spaces.
    private static bool IsGroupSeparator(char c) =>
        c is ' ' or '\u3000' or '\u00A0' or '-' or '－' or '—' or '–' or '.' or '．' or '·' or '_' or '/' or '\t'
            or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}
