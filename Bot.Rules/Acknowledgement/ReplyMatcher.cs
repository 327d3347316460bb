using System.Text;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// Matches a reply against the phrase a notice asks for, as people really type it on a phone: full- or half-width
/// punctuation or none, spaces, a trailing 「！」, with or without 「（坚决执行）」, after 「收到，」, or with an @-mention
/// left in the text. The reply, with those allowances taken away, must be the phrase itself: a message that merely
/// contains the phrase inside other words ("你们说的我已知晓马上照办是什么意思") is a question, not an acknowledgement.
/// </summary>
public static class ReplyMatcher
{
    // Longest first: someone who copies the notice's last line ("收到请回复：我已知晓，马上照办！") means to acknowledge.
    private static readonly string[] Prefixes = [Normalize("收到请回复"), Normalize("收到")];
    private static readonly string Suffix = Normalize("坚决执行");
    private static readonly char[] MentionEnds = [' ', '\u2005', '\u3000', '\n', '\t'];

    /// <summary>Whether <paramref name="text"/> is a reply with <paramref name="phrase"/>.</summary>
    public static bool Matches(string text, string phrase)
    {
        var wanted = Core(Normalize(phrase));
        if (wanted.Length == 0) return false;

        var reply = Normalize(WithoutMentions(text));
        if (Core(reply) == wanted) return true;
        foreach (var prefix in Prefixes)
        {
            if (reply.Length > prefix.Length && reply.StartsWith(prefix, StringComparison.Ordinal)
                && Core(reply[prefix.Length..]) == wanted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Folds width (NFKC: 「，！（」 become 「,!(」), lower-cases, and keeps only letters and digits, so punctuation and
    /// spacing never decide a match.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var kept = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) kept.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return kept.ToString();
    }

    /// <summary>Removes @-mentions (an @ or ＠ at the start or after a space, up to the next space) wherever they are.</summary>
    public static string WithoutMentions(string text)
    {
        var kept = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var atMention = text[i] is '@' or '＠' && (i == 0 || Array.IndexOf(MentionEnds, text[i - 1]) >= 0);
            if (!atMention)
            {
                kept.Append(text[i++]);
                continue;
            }

            var end = text.IndexOfAny(MentionEnds, i + 1);
            i = end < 0 ? text.Length : end;
        }

        return kept.ToString();
    }

    /// <summary>The phrase without a trailing 坚决执行, which the school's wording puts in brackets as optional.</summary>
    private static string Core(string normalized) =>
        normalized.Length > Suffix.Length && normalized.EndsWith(Suffix, StringComparison.Ordinal)
            ? normalized[..^Suffix.Length]
            : normalized;
}
