namespace Bot.Rules.Moderation;

/// <summary>
/// A reading that needs two things close together in one message: the thing itself (<see cref="Subject"/>: 「卷子」,
/// 「病毒」, 「助力」) and what makes naming it banned (<see cref="Context"/>: 「弄到了」, 「听说」, 「领红包」). Either alone is
/// ordinary school talk. The hit covers the subject, so a prohibition around it (「严禁泄露试题」) excuses it as it excuses
/// a list word (<see cref="ProhibitionContext"/>); a context word right after a negation (「不得外传」) is not read.
/// </summary>
/// <param name="Name">What the verdict says it found: <c>exam leak: paper + obtained</c>.</param>
/// <param name="Reach">Farthest the context may stand from the subject, either side, in folded characters.</param>
/// <param name="Requires">Words of which one must also stand somewhere in the message.</param>
/// <param name="Unless">Words that, anywhere in the message, make it something else (an official notice).</param>
/// <param name="Excused">A reading of the whole message that makes it something else (a question, a statute).</param>
internal sealed record CuePair(
    string Name, BannedCategory Category, Vocabulary Subject, Vocabulary Context, int Reach = 40,
    Vocabulary? Requires = null, Vocabulary? Unless = null, Func<string, bool>? Excused = null)
{
    private static readonly Vocabulary Negations = new("不", "不得", "不要", "不能", "不准", "不许", "不可", "禁止", "严禁", "请勿", "切勿", "勿", "没有", "没", "别再");

    public PhraseHit? Find(FoldedText folded, string original)
    {
        var text = folded.Text.AsSpan();
        if (!Subject.In(text) || !Context.In(text)) return null;
        if ((Requires is not null && !Requires.In(text)) || (Unless is not null && Unless.In(text)) || Excused?.Invoke(original) == true) return null;

        var contexts = Context.All(text);
        contexts.RemoveAll(c => Negations.EndsAt(folded.Text, c.Start));
        foreach (var subject in Subject.All(text))
        {
            foreach (var context in contexts)
            {
                var gap = context.Start >= subject.End ? context.Start - subject.End
                    : context.End <= subject.Start ? subject.Start - context.End : -1;
                if (gap >= 0 && gap <= Reach) return folded.Phrase(subject.Start, subject.End, Category, Name);
            }
        }
        return null;
    }
}
