using System.Buffers;
using Bot.Rules.Policy;

namespace Bot.Rules.Acknowledgement;

/// <summary>The phrase a notice asks its readers to reply with.</summary>
public static class AckPhrase
{
    // A quoted phrase longer than this is the rest of the notice, not a phrase anyone would type back.
    private const int MaxPhraseLength = 40;
    private static readonly char[] Openers = [':', '：', '“', '"', '「', '『', '‘', ' ', '\u3000', '\u2005'];
    private static readonly SearchValues<char> Closers = SearchValues.Create("\n\r”\"」』’");
    private const string Optional = "坚决执行";

    /// <summary>
    /// The phrase quoted after the notice's request marker (「收到请回复：我已知晓，马上照办（坚决执行）！」 →
    /// 「我已知晓，马上照办」), else the policy's <see cref="GroupPolicy.AckPhrase"/>.
    /// </summary>
    public static string Requested(string noticeText, GroupPolicy policy) =>
        Quoted(noticeText, policy.RequestMarkers) ?? policy.AckPhrase;

    /// <summary>
    /// The phrase after the first request marker, when the marker is followed by a colon or an opening quote (「收到请回复，
    /// 谢谢」 quotes nothing); trailing punctuation and the optional 「（坚决执行）」 are dropped. <c>null</c> when none.
    /// </summary>
    public static string? Quoted(string text, IReadOnlyList<string> requestMarkers)
    {
        var found = Markers.First(text, requestMarkers);
        if (found is null) return null;

        var rest = text[(found.Value.Index + found.Value.Marker.Length)..].TrimStart(' ', '\u3000', '\u2005');
        if (rest.Length > 0 && char.IsLetterOrDigit(rest[0])) return Token(rest);
        if (rest.Length == 0 || rest[0] is not (':' or '：' or '“' or '"' or '「' or '『' or '‘')) return null;

        rest = rest.TrimStart(Openers);
        var end = rest.AsSpan().IndexOfAny(Closers);
        var phrase = TrimEnd(end < 0 ? rest : rest[..end]);
        return phrase.Length is > 0 and <= MaxPhraseLength && ReplyText.Fold(phrase).Length > 0 ? phrase : null;
    }

    /// <summary>
    /// A short word typed right after the marker (「收到请回复1」「收到请回复已阅。」): that is what the issuer asked for, and
    /// members who type it must not be told otherwise. Anything longer is a sentence, not a phrase to type back.
    /// </summary>
    private static string? Token(string rest)
    {
        var length = 0;
        while (length < rest.Length && char.IsLetterOrDigit(rest[length])) length++;
        return length <= MaxTokenLength ? rest[..length] : null;
    }

    /// <summary>The longest word a notice may ask for right after its marker.</summary>
    internal const int MaxTokenLength = 4;

    private static string TrimEnd(string phrase)
    {
        while (true)
        {
            var trimmed = phrase.TrimEnd();
            while (trimmed.Length > 0 && (char.IsPunctuation(trimmed[^1]) || char.IsSymbol(trimmed[^1]) || char.IsWhiteSpace(trimmed[^1])))
            {
                trimmed = trimmed[..^1];
            }

            if (trimmed.Length > Optional.Length && trimmed.EndsWith(Optional, StringComparison.Ordinal))
            {
                trimmed = trimmed[..^Optional.Length];
            }

            if (trimmed == phrase) return phrase;
            phrase = trimmed;
        }
    }
}
