using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>How a whole message reads, for the phrase detectors: a question, or an article of a statute.</summary>
internal static class MessageText
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；!?;\n");
    private static readonly string[] StatuteWords = ["罪", "行为", "活动", "言论", "分子"];

    /// <summary>
    /// The last sentence asks (「…需要注意什么吗？」, 「是真的吗」): a parent checking what they heard is not spreading it.
    /// </summary>
    public static bool EndsAsQuestion(string text)
    {
        var end = LastSentence(text, out var mark);
        return mark is '？' or '?' || end.EndsWith('吗') || end.EndsWith('呢') || end.EndsWith('么');
    }

    /// <summary>
    /// An article of a law or a school's rules: numbered (「(三)泄露公司商业秘密、客户信息」, 「2、…」), listing what it forbids
    /// as 「…颠覆国家政权，破坏国家统一的」, or naming the offence (罪, 行为). It quotes the words; it does not do or call for
    /// what they name.
    /// </summary>
    public static bool ReadsAsStatute(string text)
    {
        var end = LastSentence(text, out _);
        return end.EndsWith('的') || Numbered(text) || StatuteWords.Any(w => text.Contains(w, StringComparison.Ordinal));
    }

    // 「(三)」, 「（1）」, 「2、」, 「3.」, 「第五条」 opening the message.
    private static bool Numbered(string text)
    {
        var span = text.AsSpan().TrimStart();
        if (span.StartsWith("第")) return span.IndexOf('条') is > 1 and < 6;
        var open = span.Length > 0 && span[0] is '(' or '（';
        var i = open ? 1 : 0;
        var digits = i;
        while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || "一二三四五六七八九十".Contains(span[digits], StringComparison.Ordinal))) digits++;
        if (digits == i || digits >= span.Length) return false;
        return open ? span[digits] is ')' or '）' : span[digits] is '、' or '.' or '．';
    }

    // The last sentence without its closing mark and trailing blanks or emoji; the mark that closed it, or '\0'.
    private static ReadOnlySpan<char> LastSentence(string text, out char mark)
    {
        var span = text.AsSpan().TrimEnd();
        mark = '\0';
        while (span.Length > 0 && (SentenceEnds.Contains(span[^1]) || TextNormalizer.IsIgnorable(span[^1])))
        {
            if (SentenceEnds.Contains(span[^1]) && mark == '\0') mark = span[^1];
            span = span[..^1];
        }
        var start = span.LastIndexOfAny(SentenceEnds);
        return span[(start + 1)..];
    }
}
