namespace Bot.Rules.Moderation;

/// <summary>
/// A hit that does not count, and why: the prohibition (「不得」, 「严禁」…) it stands in, <c>quoted</c>, or, for a phone
/// number given as a contact (<paramref name="Contact"/>), the words that give it (「我的手机号」).
/// </summary>
public sealed record ExcusedHit(ContentHit Hit, string Marker, bool Contact = false);

/// <summary>
/// What banned-content makes of one message: the hits that count, and those that only name a forbidden thing inside a
/// prohibition or warning (「不得发布涉及赌博、色情等不良信息」), which do not. The rule, the precision test and the corpus
/// scan all judge through this one function.
/// </summary>
public sealed record ContentJudgement(IReadOnlyList<ContentHit> Hits, IReadOnlyList<ExcusedHit> Excused)
{
    public static ContentJudgement Of(IContentScanner scanner, string text)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return new([], []);
        var hits = new List<ContentHit>();
        var excused = new List<ExcusedHit>();
        foreach (var hit in scanner.Scan(text))
        {
            if (hit.GivenAsContact is { } contact)
                excused.Add(new ExcusedHit(hit, contact, Contact: true));
            else if (!hit.Concrete && BannedCategories.TryParseKey(hit.CategoryKey, out var category)
                && ProhibitionContext.ReasonOf(text, hit.Start, hit.End, category) is { } marker)
                excused.Add(new ExcusedHit(hit, marker));
            else
                hits.Add(hit);
        }
        return new(hits, excused);
    }
}
