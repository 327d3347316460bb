using System.Text;
using Bot.Host.Inbound;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// What the archive adds to the transaction that records an item: its records' range, and for a held callback copy
/// judged at last, which one. <see cref="Run"/> links the messages of one group in one read.
/// </summary>
public sealed record ArchiveCommit(ArchiveSegment? Segment, long? JudgesHeld = null, ArchiveRun? Run = null)
{
    /// <summary>The ranges of a batch's archive items, written with its messages (contiguous ranges as one row).</summary>
    public static void AddTo(SqlBatch writes, IEnumerable<ArchiveCommit?> commits) =>
        ArchiveSegment.AddAll(writes, [.. commits.Select(c => c?.Segment).OfType<ArchiveSegment>()]);
}

/// <summary>
/// The messages of one group in one read of the archive, submitted together and judged in order. Once one of them is not
/// recorded (the database out, the host stopping), the run is broken and the later ones are refused too: judged without
/// it, a reply would be judged before the notice it answers. The read is done again from the cursor.
/// </summary>
public sealed class ArchiveRun
{
    private volatile bool _broken;

    public bool Broken => _broken;

    public void Break() => _broken = true;
}

/// <summary>How a message of an archive-covered group is recorded: judged or not, its status, the message it copies.</summary>
public sealed record CopyDecision(bool Judge, string Status, long? CopyOf, string MatchText);

/// <summary>
/// One evaluation per real message across the two channels. A message a member sends with the @ reaches the bot twice:
/// at once through the callback, and later through the archive. The two copies match when they are in the same group,
/// from the same sender, of the same kind, with the same text once @-mentions, punctuation and spacing are left out
/// (<see cref="MatchText"/>), and no more than <see cref="ArchiveOptions.MatchWindow"/> apart; each pairs with one other.
/// <para>
/// In a group the archive covers, the archive's copy is the one judged, in the archive's order, so that a reply is never
/// judged before a notice sent earlier without the @. The callback copy is held for it (status <c>held</c>) — except a
/// bot command, which is answered at once from the callback, its archive copy then only recorded (<c>copy</c>). Either
/// copy may come first. In a group whose channel is <c>both</c>, a held copy whose archive copy does not come is judged
/// from the callback once the archive has been read past it (<see cref="ArchivePoller"/>).
/// </para>
/// </summary>
public sealed class ChannelCopies(IOptions<ArchiveOptions> options)
{
    /// <summary>
    /// What both copies of a message share: the text without its @-mentions (both channels remove the bot's by its names;
    /// any other, or the bot's under a name not configured, runs from its @ to the next space), folded (NFKC, lower case)
    /// to its letters and digits.
    /// </summary>
    public static string MatchText(string text)
    {
        var kept = new StringBuilder(text.Length);
        var inMention = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (rune.Value == '@') inMention = true;
            else if (Rune.IsWhiteSpace(rune)) inMention = false;
            else if (!inMention && Rune.IsLetterOrDigit(rune)) kept.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return kept.ToString();
    }

    /// <summary>
    /// A decision for each item of a group the archive covers, null for every other (recorded and judged as before).
    /// Runs after the batch's claim, under its groups' locks.
    /// </summary>
    public async Task<IReadOnlyList<CopyDecision?>> ResolveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<InboundItem> items, IReadOnlyList<long> ids, IReadOnlyList<ProcessOutcome> outcomes, CancellationToken ct)
    {
        var decisions = new CopyDecision?[items.Count];
        var settings = options.Value;
        var candidates = Enumerable.Range(0, items.Count).Where(i => outcomes[i] == ProcessOutcome.Recorded && items[i].Message is
        {
            IsGroup: true, Kind: not (MessageKind.Unknown or MessageKind.Event),
        }).ToList();
        if (!settings.Enabled || candidates.Count == 0) return decisions;

        var messages = candidates.Select(i => items[i].Message).ToList();
        var (channels, unpaired) = await CopyStore.LookupAsync(connection, transaction,
            messages.Select(m => m.ChatId).Distinct().ToList(), messages.Select(m => m.SenderId).Distinct().ToList(),
            messages.Min(m => m.ReceivedAt) - settings.MatchWindow, messages.Max(m => m.ReceivedAt) + settings.MatchWindow, ct);
        var open = unpaired.ToList();
        foreach (var i in candidates)
        {
            var message = items[i].Message;
            var fromArchive = message.Channel == Channel.Archive;
            if (!channels.ContainsKey(message.ChatId))
            {
                // The group went back to callbacks while its archive copy was on its way: recorded, not judged twice.
                if (fromArchive) decisions[i] = new CopyDecision(false, "archived", null, MatchText(message.Text));
                continue;
            }

            var text = MatchText(message.Text);
            var decision = items[i].Archive?.JudgesHeld is { } held ? new CopyDecision(true, "evaluated", held, text)
                : Counterpart(open, message, text, fromArchive, settings.MatchWindow) is { } other
                    ? PairWith(other, text, fromArchive)
                    : Alone(message, text, fromArchive);
            decisions[i] = decision;
            if (decision.CopyOf is { } paired) open.RemoveAll(u => u.Id == paired);
            // Unpaired after this decision: later items of the batch may pair with it.
            else open.Add(new UnpairedMessage(ids[i], message.ChatId, message.SenderId, text, message.Kind.ToString(), fromArchive,
                decision.Status, message.ReceivedAt));
        }

        return decisions;
    }

    /// <summary>The first copy: judged if it is the archive's or a command, else held for the archive's.</summary>
    private static CopyDecision Alone(InboundMessage message, string text, bool fromArchive)
    {
        var judge = fromArchive || CommandRule.Parse(message.Text) is not null;
        return new CopyDecision(judge, judge ? "evaluated" : "held", null, text);
    }

    /// <summary>An archive copy is judged when its callback copy was held, else only recorded; a callback copy after its archive copy is only recorded.</summary>
    private static CopyDecision PairWith(UnpairedMessage other, string text, bool fromArchive) =>
        fromArchive && other.Status == "held" ? new CopyDecision(true, "evaluated", other.Id, text) : new CopyDecision(false, "copy", other.Id, text);

    /// <summary>The nearest unpaired copy from the other channel with the same group, sender, kind and text.</summary>
    private static UnpairedMessage? Counterpart(List<UnpairedMessage> open, InboundMessage message, string text, bool fromArchive, TimeSpan window) =>
        open.Where(u => u.FromArchive != fromArchive && u.ChatId == message.ChatId && u.SenderId == message.SenderId
                && u.Kind == message.Kind.ToString() && u.MatchText == text && (u.ReceivedAt - message.ReceivedAt).Duration() <= window)
            .OrderBy(u => (u.ReceivedAt - message.ReceivedAt).Duration()).ThenBy(u => u.Id)
            .FirstOrDefault();
}
