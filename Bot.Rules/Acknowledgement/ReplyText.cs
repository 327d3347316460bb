using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Rules.Moderation;

namespace Bot.Rules.Acknowledgement;

/// <summary>What stands between two words of a reply: how strongly it separates them.</summary>
internal enum Gap
{
    /// <summary>Nothing: the words run on (「马上照办是什么意思」).</summary>
    None,
    /// <summary>A space, a comma, an emoji, a WeCom emoji code: the words are apart, the sentence goes on.</summary>
    Soft,
    /// <summary>A colon: what came before names or addresses someone (「周老师：」).</summary>
    Colon,
    /// <summary>A full stop, an exclamation, a line break: a new sentence starts.</summary>
    Stop,
    /// <summary>A question mark: what came before was asked, not said.</summary>
    Question,
}

/// <summary>
/// A reply folded the way a reader ignores the difference: @-mentions, WeCom emoji codes (「[抱拳]」, 「[OK]」) and Unicode
/// emoji dropped, full-width folded (NFKC), traditional characters made simplified, letters lower-cased, and only
/// letters and digits kept in <see cref="Core"/>. What separated them is kept beside, as <see cref="Gap"/>s, so that the
/// matcher can tell 「我已知晓，马上照办。」 from 「我已知晓马上照办是什么意思」.
/// </summary>
internal sealed class ReplyText
{
    // These patterns are fixed and bounded (no nested ambiguity), so their time is linear in the text. They carry no
    // wall-clock timeout on purpose: on a starved thread one would fire, fail the message, and the member who replied
    // would be named in the reminder.
    // WeCom (like WeChat) sends its built-in emoji as a short bracketed name: [抱拳] [OK] [强] [微笑] [捂脸] [Emm].
    private static readonly Regex EmojiCode = new(@"\[[\p{L}\p{N}]{1,6}\]", RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
    // The dashed line under a quote: 「- - - - - - - - - - - - - - -」 (at least five dashes, spaces between or not).
    private static readonly Regex QuoteRule = new(@"\n[ \t\u3000]*(?:-[ \t\u3000]*){5,}(?=\r?\n)", RegexOptions.RightToLeft | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
    private static readonly SearchValues<char> QuestionMarks = SearchValues.Create("?？");
    private static readonly SearchValues<char> Stops = SearchValues.Create("。.!！;；…~～\n\r");
    private static readonly SearchValues<char> Colons = SearchValues.Create(":：");
    private static readonly Dictionary<char, char> Simplified = BuildSimplified();

    private ReplyText(string original, string core, Gap[] gapAfter, IReadOnlyList<string> emojiCodes)
    {
        Original = original;
        Core = core;
        GapAfter = gapAfter;
        EmojiCodes = emojiCodes;
    }

    /// <summary>The text as it was sent.</summary>
    public string Original { get; }

    /// <summary>Letters and digits only, folded.</summary>
    public string Core { get; }

    /// <summary>What follows each character of <see cref="Core"/> in the original (the last: what ends the text).</summary>
    public Gap[] GapAfter { get; }

    /// <summary>The WeCom emoji codes the text carried, without brackets, lower-cased: 「抱拳」, 「ok」.</summary>
    public IReadOnlyList<string> EmojiCodes { get; }

    /// <summary>Whether what the member ended on was a question: a question mark, or a question particle (「…吗」).</summary>
    public bool Asked => Core.Length > 0 && (GapAfter[^1] == Gap.Question || Core[^1] is '吗' or '呢' or '么' or '嘛');

    /// <summary>The gap before position <paramref name="index"/> of the core (the text's start counts as a stop).</summary>
    public Gap GapBefore(int index) => index == 0 ? Gap.Stop : GapAfter[index - 1];

    public static ReplyText Of(string text, IReadOnlyCollection<string> names)
    {
        var codes = new List<string>();
        var withoutCodes = EmojiCode.Replace(Mentions.Strip(WithoutQuote(text), names), match =>
        {
            codes.Add(Fold(match.Value[1..^1]));
            return " ";
        });

        var core = new StringBuilder(withoutCodes.Length);
        var gaps = new List<Gap>(withoutCodes.Length);
        var pending = Gap.None;
        foreach (var rune in withoutCodes.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                if (core.Length > 0) gaps[^1] = pending;
                pending = Gap.None;
                foreach (var c in Rune.ToLowerInvariant(rune).ToString()) core.Append(Simplified.GetValueOrDefault(c, c));
                while (gaps.Count < core.Length) gaps.Add(Gap.None);
                continue;
            }

            var gap = GapOf(rune);
            if (gap > pending) pending = gap;
        }

        if (core.Length > 0) gaps[^1] = pending;
        return new ReplyText(text, core.ToString(), [.. gaps], codes);
    }

    /// <summary>
    /// What the member wrote under a quoted message. WeChat and WeCom render a reply that quotes a message as
    /// 「「王主任：…」」, a line of dashes, then the reply; the quote is the notice's words, not the member's.
    /// </summary>
    private static string WithoutQuote(string text)
    {
        var match = QuoteRule.Match(text);
        return match.Success ? text[(match.Index + match.Length)..] : text;
    }


    /// <summary>A word or name folded as <see cref="Core"/> is: the form the vocabularies are written in.</summary>
    public static string Fold(string word)
    {
        var folded = new StringBuilder(word.Length);
        foreach (var rune in word.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune)) continue;
            foreach (var c in Rune.ToLowerInvariant(rune).ToString()) folded.Append(Simplified.GetValueOrDefault(c, c));
        }

        return folded.ToString();
    }

    private static Gap GapOf(Rune rune)
    {
        if (!rune.IsBmp) return Gap.Soft;
        var c = (char)rune.Value;
        if (QuestionMarks.Contains(c)) return Gap.Question;
        if (Stops.Contains(c)) return Gap.Stop;
        return Colons.Contains(c) ? Gap.Colon : Gap.Soft;
    }

    private static Dictionary<char, char> BuildSimplified()
    {
        var pairs = TraditionalChinese.Pairs.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var map = new Dictionary<char, char>(pairs.Length / 2);
        for (var i = 0; i + 1 < pairs.Length; i += 2) map[pairs[i]] = pairs[i + 1];
        return map;
    }
}
