namespace Bot.Rules.Moderation;

/// <summary>
/// What no word list can see, read from how a message is put together: threats addressed to someone
/// (<see cref="ThreatDetector"/>), selling with a price (<see cref="SaleDetector"/>), a curse said on its own
/// (<see cref="CurseDetector"/>), and the two-cue readings of <see cref="CuePairs"/> (rumours, exam and record leaks,
/// click bait, loans, shop promotions, sex services, calls to overthrow). Each reads the folded text once for its
/// words (<see cref="Vocabulary"/>) and does nothing more when they are absent, as they are in most messages.
/// </summary>
internal static class PhraseDetectors
{
    // Every word without which no detector can find anything: one search of it settles most messages.
    private static readonly Vocabulary Trigger = new(
        [.. ThreatDetector.Trigger.Words, .. SaleDetector.Trigger.Words, .. CurseDetector.Curses.Words, .. CuePairs.All.SelectMany(p => p.Subject.Words)]);

    public static IReadOnlyList<PhraseHit> FindAll(FoldedText folded, string text)
    {
        if (!Trigger.In(folded.Text)) return [];
        List<PhraseHit>? hits = null;
        Add(ref hits, ThreatDetector.Find(folded));
        Add(ref hits, SaleDetector.Find(folded));
        Add(ref hits, CurseDetector.Find(folded));
        foreach (var pair in CuePairs.All)
            Add(ref hits, pair.Find(folded, text));
        return hits ?? (IReadOnlyList<PhraseHit>)[];
    }

    private static void Add(ref List<PhraseHit>? hits, PhraseHit? hit)
    {
        if (hit is { } found) (hits ??= []).Add(found);
    }
}
