namespace Bot.Host.WeCom;

/// <summary>
/// Splits the @-mentions out of a message's text. WeCom puts mentions into the text itself, each ended by a space
/// (usually U+2005, the narrow space WeCom's clients insert): 「@规则助手 我已知晓」, 「@张三 @规则助手 请整改」, and
/// (captured from a real 智能机器人) 「hello@项目开发管理助手 」, the bot named last.
/// </summary>
public static class MentionText
{
    private static readonly char[] MentionEnds = [' ', '\u2005', '\u3000', '\n', '\t'];

    // A name also ends at Chinese punctuation: 「@张三，请整改」 mentions 张三.
    private static readonly char[] NameEnds = [.. MentionEnds, '，', '。', '！', '？', '、', '；', '：', ',', '!', '?', ';', ':', '@'];

    /// <summary>
    /// Removes every @-mention of the bot (any of <paramref name="botNames"/>, wherever it stands, names with spaces
    /// included) and returns the remaining text and the other mentions: the bot is never a member to be asked or named.
    /// </summary>
    public static (string Text, IReadOnlyList<string> Mentions) Split(string raw, IReadOnlyList<string> botNames)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(botNames);
        var text = WithoutBot(raw, botNames).Trim();

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

        return (text, mentions);
    }

    /// <summary>
    /// The text without the bot's mentions. A name counts only where it ends (the text's end, a space, punctuation), so
    /// 「@规则助手甲」 is someone else; WeCom inserts the bot's mention where the cursor was, so it may follow a letter.
    /// Longer names first: of 「规则助手」 and 「规则助手 2」, the second is the one written.
    /// </summary>
    private static string WithoutBot(string text, IReadOnlyList<string> botNames)
    {
        foreach (var name in botNames.Where(n => n.Length > 0).OrderByDescending(n => n.Length))
        {
            var mention = "@" + name;
            for (var at = text.IndexOf(mention, StringComparison.Ordinal); at >= 0; at = text.IndexOf(mention, at, StringComparison.Ordinal))
            {
                var end = at + mention.Length;
                if (end < text.Length && char.IsLetterOrDigit(text[end]))
                {
                    at = end;
                    continue;
                }

                // The mention and the one separator WeCom put after it; a space stays between the words it stood between.
                var after = end < text.Length && Array.IndexOf(MentionEnds, text[end]) >= 0 ? end + 1 : end;
                var between = at > 0 && after < text.Length && !char.IsWhiteSpace(text[at - 1]) && !char.IsWhiteSpace(text[after]);
                text = string.Concat(text.AsSpan(0, at), between ? " " : "", text.AsSpan(after));
            }
        }

        return text;
    }
}
