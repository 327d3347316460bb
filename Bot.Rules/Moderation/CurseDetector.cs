namespace Bot.Rules.Moderation;

/// <summary>
/// A curse said as a clause of its own: 「MD，又停电」, 「尼玛，搞什么鬼」, 「卧槽！」 (abuse). Standing alone it can only be
/// the curse: 「尼玛次仁」 is a Tibetan name and 「md文件」 a file, and neither is a clause by itself. Not 草 alone: it is
/// grass in a list written with commas (「请准备：树叶，草，花瓣」).
/// </summary>
internal static class CurseDetector
{
    public static readonly Vocabulary Curses = new(
        "md", "tmd", "nnd", "妈的", "他妈的", "尼玛", "尼玛的", "卧槽", "我靠", "我操", "我草", "操", "艹", "草泥马", "fuck",
        "shit", "wtf");

    public static PhraseHit? Find(FoldedText folded)
    {
        var text = folded.Text.AsSpan();
        if (!Curses.In(text)) return null;
        for (var start = 0; start < text.Length; start = folded.ClauseStop(start) + 1)
        {
            var stop = folded.ClauseStop(start);
            if (stop > start && Curses.At(text, start) is { } curse && curse.Length == stop - start)
                return folded.Phrase(start, stop, BannedCategory.Abuse, "curse: a clause of its own");
        }
        return null;
    }
}
