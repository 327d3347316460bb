using Bot.Rules.Messages;
using Bot.Storage;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// A run of records (<see cref="From"/>, <see cref="To"/>] committed together: at most one message (the record at
/// <see cref="To"/>), with what the records before it counted (messages of rooms not judged, records skipped).
/// </summary>
public sealed record ArchiveSegment(long From, long To, InboundMessage? Message, string Payload, string? RecalledMsgId,
    IReadOnlyList<RoomCount> Rooms, int Skipped)
{
    /// <summary>
    /// The writes that commit these segments, in the transaction that records their messages (or on their own): one
    /// range per run of contiguous segments, with the run's counts, and each recall.
    /// </summary>
    public static void AddAll(SqlBatch batch, IReadOnlyList<ArchiveSegment> segments)
    {
        foreach (var run in Runs(segments.OrderBy(s => s.From)))
        {
            var rooms = run.SelectMany(s => s.Rooms).GroupBy(r => r.RoomId, StringComparer.Ordinal)
                .Select(g => g.MaxBy(r => r.LastMessageAt)! with { Messages = g.Sum(r => r.Messages) }).ToList();
            ArchiveStore.AddIngested(batch, run[0].From, run[^1].To, rooms, run.Sum(s => s.Skipped));
        }

        foreach (var recall in segments.Where(s => s is { RecalledMsgId: not null, Message: not null }))
            ArchiveStore.AddRecall(batch, ArchivePage.DedupeKeyOf(recall.RecalledMsgId!), recall.Message!.DedupeKey, recall.Message.ReceivedAt);
    }

    private static IEnumerable<List<ArchiveSegment>> Runs(IEnumerable<ArchiveSegment> ordered)
    {
        var run = new List<ArchiveSegment>();
        foreach (var segment in ordered)
        {
            if (run.Count > 0 && run[^1].To != segment.From)
            {
                yield return run;
                run = [];
            }

            run.Add(segment);
        }

        if (run.Count > 0) yield return run;
    }
}

/// <summary>
/// Turns a page of read records into segments. A message of a group the archive judges (mapped, channel 'archive' or
/// 'both') becomes an <see cref="InboundMessage"/> for the batched path; a recall is recorded against what it takes back;
/// a message of any other room is counted for that room; one-to-one chats, robots' posts (the bot's own among them),
/// corp switches and messages sent before the archive was enabled are passed over without a trace.
/// </summary>
public static class ArchivePage
{
    public static string DedupeKeyOf(string msgId) => "archive:" + msgId;

    /// <param name="committedAhead">Ranges committed already (their records are not read again).</param>
    /// <param name="read">Reads one record (decryption); called in seq order, never for a committed record.</param>
    /// <param name="botNames">The names members @ the bot by: removed from the text, as from a callback's.</param>
    /// <param name="halt">Why reading stopped before the end of the page, if it did.</param>
    public static IReadOnlyList<ArchiveSegment> Plan(long cursor, IReadOnlyList<EncryptedRecord> page, IReadOnlyList<(long From, long To)> committedAhead,
        IReadOnlyDictionary<string, (string ChatId, string Channel)> rooms, DateTimeOffset enabledAt, IReadOnlyList<string> botNames,
        Func<EncryptedRecord, ReadRecord> read, out KeyMissingRecord? halt)
    {
        halt = null;
        var segments = new List<ArchiveSegment>();
        var counts = new Dictionary<string, RoomCount>(StringComparer.Ordinal);
        var (from, last, skipped) = (cursor, cursor, 0);

        void Close(long to, InboundMessage? message = null, string payload = "", string? recalled = null)
        {
            segments.Add(new ArchiveSegment(from, to, message, payload, recalled, [.. counts.Values], skipped));
            (from, skipped) = (to, 0);
            counts.Clear();
        }

        foreach (var record in page.Where(r => r.Seq > cursor))
        {
            if (committedAhead.FirstOrDefault(c => c.From < record.Seq && record.Seq <= c.To) is { To: > 0 } done)
            {
                if (from < done.From) Close(done.From);
                from = last = done.To;
                continue;
            }

            var outcome = read(record);
            if (outcome is KeyMissingRecord missing)
            {
                halt = missing;
                break;
            }

            last = record.Seq;
            if (outcome is UnreadableRecord)
            {
                skipped++;
                continue;
            }

            var message = ((DecryptedRecord)outcome).Message;
            if (message.Action == "switch" || message.RoomId.Length == 0 || message.SentAt < enabledAt || IsRobot(message.From)) continue;
            if (!rooms.TryGetValue(message.RoomId, out var group) || group.Channel == "callback")
            {
                counts[message.RoomId] = new RoomCount(message.RoomId, (counts.GetValueOrDefault(message.RoomId)?.Messages ?? 0) + 1,
                    [.. message.ToList.Prepend(message.From).Where(m => !IsRobot(m)).Distinct()], message.SentAt);
                continue;
            }

            Close(record.Seq, ToInbound(message, group.ChatId, botNames), ((DecryptedRecord)outcome).Json, message.RecalledMsgId);
        }

        if (from < last) Close(last);
        return segments;
    }

    // The archive names robots (the bot's own webhook among them) by an external id starting "wb".
    private static bool IsRobot(string userId) => userId.StartsWith("wb", StringComparison.Ordinal);

    /// <summary>
    /// The message as the rules see it. Its time is when it was sent (msgtime), not when it was read: a reply sent before
    /// a deadline counts as on time however late the archive delivers it. The bot's @ is removed as from a callback: the
    /// bot is never a member to be named, and both copies of a message read the same.
    /// </summary>
    public static InboundMessage ToInbound(ArchiveMessage message, string chatId, IReadOnlyList<string> botNames)
    {
        var (text, mentions) = MentionText.Split(message.Text, botNames);
        return new InboundMessage(DedupeKeyOf(message.MsgId), Channel.Archive, chatId, ChatType.Group, message.From, "",
            KindOf(message.MsgType), message.MsgType, text, mentions, null, null, null, message.SentAt);
    }

    private static MessageKind KindOf(string msgType) => msgType switch
    {
        "text" or "markdown" => MessageKind.Text,
        "image" => MessageKind.Image,
        "mixed" => MessageKind.Mixed,
        "voice" => MessageKind.Voice,
        "file" => MessageKind.File,
        // A recall and everything else (cards, votes, red packets…) is recorded; no rule reads it.
        _ => MessageKind.Unknown,
    };
}
