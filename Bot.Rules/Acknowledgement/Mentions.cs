using System.Buffers;
using System.Text;

namespace Bot.Rules.Acknowledgement;

/// <summary>Removing @-mentions from a reply, wherever they stand, so that 「@王主任 收到」 reads as 「收到」.</summary>
internal static class Mentions
{
    // WeCom puts U+2005 after a mention; people type a space, or punctuation right after the name.
    private static readonly SearchValues<char> Ends = SearchValues.Create(" \u2005\u3000\n\t\r，,：:。！!？?、；;");
    private static readonly SearchValues<char> Starts = SearchValues.Create("@＠");

    /// <summary>
    /// The text without its @-mentions. An @ counts at the start or after a space or punctuation (an e-mail address keeps
    /// its @). A mention of one of <paramref name="names"/> ends with the name, so 「@王主任收到」 keeps 「收到」; any
    /// other ends at the next space or punctuation.
    /// </summary>
    public static string Strip(string text, IReadOnlyCollection<string> names)
    {
        if (!text.AsSpan().ContainsAny(Starts)) return text;

        var kept = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var atMention = Starts.Contains(text[i]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]));
            if (!atMention)
            {
                kept.Append(text[i++]);
                continue;
            }

            var after = i + 1;
            var known = names.Where(n => n.Length > 0 && text.AsSpan(after).StartsWith(n, StringComparison.Ordinal)).MaxBy(n => n.Length);
            if (known is not null)
            {
                i += 1 + known.Length;
                continue;
            }

            var end = text.AsSpan(after).IndexOfAny(Ends);
            i = end < 0 ? text.Length : after + end;
        }

        return kept.ToString();
    }
}
