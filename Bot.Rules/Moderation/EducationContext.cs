namespace Bot.Rules.Moderation;

/// <summary>
/// Whether a vice is named in a sentence that teaches children to keep away from it: 「网络赌博害人害己，请班主任利用班会课
/// 进行教育」, 「法制教育素材：网络赌博的常见套路是先让你赢，再让你输」, 「孩子在玩网络赌博游戏，请班主任引导」. A school
/// teaching against gambling names gambling; the teacher who forwards the lesson offers none.
/// </summary>
/// <remarks>
/// Unlike a prohibition's marker (<see cref="ProhibitionContext"/>), which governs its own clause, teaching governs the
/// whole sentence: the lesson is often in the clause after the vice. Only the vices a lesson is given against are
/// excused (gambling, obscenity, superstition): an insult, a threat or a rumour is not made harmless by a lesson in the
/// same sentence. The words are the act of teaching (「进行教育」, 「引导学生」), not the bare 「教育」 or 「引导」, which a
/// spammer can say too (「导师引导跟单」).
/// </remarks>
internal static class EducationContext
{
    private static readonly Vocabulary Teaching = new(
        "法制教育", "法治教育", "安全教育", "警示教育", "禁赌教育", "禁毒教育", "主题教育", "专题教育", "教育素材", "进行教育",
        "开展教育", "加强教育", "教育学生", "教育孩子", "教育引导", "班会", "引导学生", "引导孩子", "班主任引导", "加强引导",
        "正确引导", "耐心引导");

    /// <summary>The words of teaching in the sentence of <c>text[start..end)</c>, or null.</summary>
    public static string? MarkerOf(string text, int start, int end, BannedCategory category)
    {
        if (category is not (BannedCategory.Gambling or BannedCategory.Obscenity or BannedCategory.Superstition)) return null;
        var from = text.AsSpan(0, start).LastIndexOfAny(TextBreaks.SentenceEnds) + 1;
        var to = text.AsSpan(end).IndexOfAny(TextBreaks.SentenceEnds) is var next and >= 0 ? end + next : text.Length;
        return Teaching.First(TextNormalizer.Normalize(text.AsSpan(from, to - from)))?.Word;
    }
}
