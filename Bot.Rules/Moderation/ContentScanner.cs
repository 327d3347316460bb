namespace Bot.Rules.Moderation;

/// <summary>
/// The real <see cref="IContentScanner"/>: the word lists (<see cref="WordMatcher"/>), the personal-data detectors
/// (<see cref="PrivacyDetector"/>) and contact solicitation (<see cref="SolicitationDetector"/>), in text order.
/// </summary>
public sealed class ContentScanner(WordMatcher matcher) : IContentScanner
{
    public WordMatcher Matcher => matcher;

    public IReadOnlyList<ContentHit> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = matcher.FindAll(text);
        var privacy = PrivacyDetector.FindAll(text);
        var solicitation = SolicitationDetector.FindAll(text);
        if (words.Count == 0 && privacy.Count == 0 && solicitation.Count == 0) return [];

        var leak = BannedCategory.Leak;
        var advertising = BannedCategory.Advertising;
        return words.Select(h => new ContentHit(h.Start, h.Length, h.Category.Key(), h.Category.DisplayName(), $"list entry {h.EntryIndex}"))
            .Concat(privacy.Select(p => new ContentHit(p.Start, p.Length, leak.Key(), leak.DisplayName(), p.Kind.ToString().ToLowerInvariant(), Concrete: true)))
            .Concat(solicitation.Select(s => new ContentHit(s.Start, s.Length, advertising.Key(), advertising.DisplayName(), s.Evidence, s.Concrete)))
            .OrderBy(h => h.Start).ToList();
    }
}
