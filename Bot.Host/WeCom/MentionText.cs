namespace Bot.Host.WeCom;

/// <summary>
/// Splits the @-mentions out of a message's text. WeCom puts mentions into the text itself ("@RobotA 我已知晓"),
/// each ended by a space (often U+2005, the narrow space WeCom's clients insert).
/// </summary>
public static class MentionText
{
    private static readonly char[] MentionEnds = [' ', '\u2005', '\u3000', '\n', '\t'];

    // A name also ends at Chinese punctuation: 「@张三，请整改」 mentions 张三.
    private static readonly char[] NameEnds = [.. MentionEnds, '，', '。', '！', '？', '、', '；', '：', ',', '!', '?', ';', ':', '@'];

    /// <summary>
    /// Removes a leading @-mention of the bot (the first mention, when the message begins with one: that is how the
    /// bot is addressed) and returns the remaining text and the other mentions.
    /// </summary>
    public static (string Text, IReadOnlyList<string> Mentions) Split(string raw, bool stripLeadingMention)
    {
        var text = raw.Trim();
        if (stripLeadingMention && text.StartsWith('@'))
        {
            var end = text.IndexOfAny(MentionEnds);
            text = end < 0 ? "" : text[(end + 1)..].TrimStart(MentionEnds);
        }

        var mentions = new List<string>();
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            // An @ right after a Latin letter or digit is an e-mail address, not a mention; after Chinese punctuation
            // (「纪律较差，@张三」) or a space it is one.
            if (at > 0 && (char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] is '.' or '_' or '-' or '+')) continue;
            var end = text.IndexOfAny(NameEnds, at + 1);
            var name = end < 0 ? text[(at + 1)..] : text[(at + 1)..end];
            if (name.Length > 0) mentions.Add(name);
        }

        return (text.Trim(), mentions);
    }
}
