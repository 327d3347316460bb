namespace Bot.Rules.Moderation;

/// <summary>E-mail addresses, full-width forms included (ｚｈａｎｇ＠ｑｑ．ｃｏｍ).</summary>
internal static class EmailDetector
{
    public static int Scan(ReadOnlySpan<char> text, Span<PrivacyHit> hits)
    {
        var count = 0;
        for (var at = 0; at < text.Length && count < hits.Length; at++)
        {
            if (text[at] is not ('@' or '＠'))
                continue;
            var start = at;
            while (start > 0 && IsLocalChar(text[start - 1]))
                start--;
            while (start < at && IsDot(text[start]))
                start++;
            var end = DomainEnd(text, at + 1);
            if (start < at && end > 0)
            {
                hits[count++] = new PrivacyHit(start, end - start, PrivacyKind.Email);
                at = end - 1;
            }
        }
        return count;
    }

    // End of a domain of at least two labels whose last label has two or more letters, or -1.
    private static int DomainEnd(ReadOnlySpan<char> text, int from)
    {
        int i = from, labels = 0, labelLength = 0, lastLetters = 0, end = -1;
        for (; i < text.Length; i++)
        {
            var f = TextNormalizer.Fold(text[i]);
            if (char.IsAsciiLetterOrDigit(f) || text[i] is '-' or '－')
            {
                labelLength++;
                lastLetters = char.IsAsciiLetter(f) ? lastLetters + 1 : 0;
                if (labels >= 1 && lastLetters == labelLength && labelLength >= 2)
                    end = i + 1;
            }
            else if (IsDot(text[i]) && labelLength > 0)
            {
                labels++;
                labelLength = 0;
                lastLetters = 0;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    private static bool IsLocalChar(char c) =>
        char.IsAsciiLetterOrDigit(TextNormalizer.Fold(c)) || c is '.' or '．' or '_' or '＿' or '%' or '+' or '-' or '－';

    private static bool IsDot(char c) => c is '.' or '．';
}
