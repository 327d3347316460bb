namespace Bot.Rules.Moderation;

/// <summary>
/// The real <see cref="IContentScanner"/>: the word lists (<see cref="WordMatcher"/>), the personal-data detectors
/// (<see cref="PrivacyDetector"/>), contact solicitation (<see cref="SolicitationDetector"/>) and the phrase detectors
/// (<see cref="PhraseDetectors"/>), in text order. The message is folded once for the last two.
/// </summary>
public sealed class ContentScanner(WordMatcher matcher) : IContentScanner
{
    public WordMatcher Matcher => matcher;

    public IReadOnlyList<ContentHit> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = matcher.FindAll(text);
        var privacy = PrivacyDetector.FindAll(text);
        var folded = FoldedText.Of(text);
        var solicitation = SolicitationDetector.FindAll(folded, text);
        var phrases = PhraseDetectors.FindAll(folded, text);
        if (words.Count == 0 && privacy.Count == 0 && solicitation.Count == 0 && phrases.Count == 0) return [];

        var leak = BannedCategory.Leak;
        var advertising = BannedCategory.Advertising;
        return words.Select(h => new ContentHit(h.Start, h.Length, h.Category.Key(), h.Category.DisplayName(), $"list entry {h.EntryIndex}"))
            .Concat(privacy.Select(p => new ContentHit(p.Start, p.Length, leak.Key(), leak.DisplayName(), p.Kind.ToString().ToLowerInvariant(), Concrete: true,
                GivenAsContact: p.Kind == PrivacyKind.Mobile ? ContactContext.MarkerOf(text, p.Start) : null)))
            .Concat(solicitation.Select(s => new ContentHit(s.Start, s.Length, advertising.Key(), advertising.DisplayName(), s.Evidence, s.Concrete, s.GivenAsContact)))
            .Concat(phrases.Select(p => new ContentHit(p.Start, p.Length, p.Category.Key(), p.Category.DisplayName(), p.Evidence)))
            .OrderBy(h => h.Start).ToList();
    }
}
