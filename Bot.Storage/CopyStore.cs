using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A recorded message of an archive-covered group still waiting for its other copy.</summary>
public sealed record UnpairedMessage(long Id, string ChatId, string SenderId, string MatchText, string Kind, bool FromArchive, string Status,
    DateTimeOffset ReceivedAt);

/// <summary>
/// The two copies of one message: the callback's (sent when the bot is @-mentioned) and the archive's (every message).
/// A copy points at the message it copies (<c>copy_of</c>); a row that neither points nor is pointed at is unpaired.
/// </summary>
public static class CopyStore
{
    /// <summary>
    /// Of the groups in <paramref name="chats"/>, those the archive covers (channel → 'archive' or 'both'), and their
    /// unpaired messages by <paramref name="senders"/> between <paramref name="from"/> and <paramref name="to"/>. Run under
    /// the groups' locks (after the batch's claim), so no other transaction pairs them meanwhile.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, string> Channels, IReadOnlyList<UnpairedMessage> Unpaired)> LookupAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> chats, IReadOnlyCollection<string> senders,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        const string sql = """
            SELECT chat_id, channel FROM groups WHERE chat_id = ANY(@chats) AND channel <> 'callback';
            SELECT m.id AS Id, m.chat_id AS ChatId, m.sender_id AS SenderId, m.match_text AS MatchText, m.kind AS Kind,
                   m.channel = 'Archive' AS FromArchive, m.status AS Status, m.received_at AS ReceivedAt
            FROM inbound_messages m JOIN groups g ON g.chat_id = m.chat_id AND g.channel <> 'callback'
            WHERE m.chat_id = ANY(@chats) AND m.sender_id = ANY(@senders) AND m.match_text IS NOT NULL
              AND m.received_at BETWEEN @from AND @to AND m.copy_of IS NULL
              AND NOT EXISTS (SELECT 1 FROM inbound_messages c WHERE c.copy_of = m.id);
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql,
            new { chats = chats.ToArray(), senders = senders.ToArray(), from, to }, transaction, cancellationToken: ct));
        var channels = (await grid.ReadAsync<(string ChatId, string Channel)>()).ToDictionary(g => g.ChatId, g => g.Channel, StringComparer.Ordinal);
        var unpaired = (await grid.ReadAsync<UnpairedRow>()).Select(r => r.ToRecord()).ToList();
        return (channels, unpaired);
    }

    /// <summary>
    /// Callback copies in groups whose channel is 'both' that waited for their archive copy up to
    /// <paramref name="receivedBefore"/> in vain: the archive does not cover them, so they are judged from the callback.
    /// </summary>
    public static async Task<IReadOnlyList<HeldMessage>> UnansweredHeldAsync(NpgsqlConnection connection, DateTimeOffset receivedBefore, int limit, CancellationToken ct) =>
        (await connection.QueryAsync<HeldMessage>(new CommandDefinition("""
            SELECT m.id AS Id, m.dedupe_key AS DedupeKey, m.channel AS Channel, m.chat_id AS ChatId, m.sender_id AS SenderId,
                   m.sender_name AS SenderName, m.kind AS Kind, m.raw_kind AS RawKind, m.text AS Text, m.mentions AS Mentions,
                   m.quote AS Quote, m.reply_url AS ReplyUrl, m.received_at AS ReceivedAt, m.payload AS Payload
            FROM inbound_messages m JOIN groups g ON g.chat_id = m.chat_id AND g.channel = 'both'
            WHERE m.status = 'held' AND m.received_at < @receivedBefore
              AND NOT EXISTS (SELECT 1 FROM inbound_messages c WHERE c.copy_of = m.id)
            ORDER BY m.received_at, m.id LIMIT @limit
            """, new { receivedBefore, limit }, cancellationToken: ct))).ToList();

    private sealed class UnpairedRow
    {
        public long Id { get; init; }
        public string ChatId { get; init; } = "";
        public string SenderId { get; init; } = "";
        public string MatchText { get; init; } = "";
        public string Kind { get; init; } = "";
        public bool FromArchive { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }

        public UnpairedMessage ToRecord() => new(Id, ChatId, SenderId, MatchText, Kind, FromArchive, Status, ReceivedAt);
    }
}

/// <summary>A callback copy held for its archive copy, as recorded: enough to judge it as it came.</summary>
public sealed class HeldMessage
{
    public long Id { get; init; }
    public string DedupeKey { get; init; } = "";
    public string Channel { get; init; } = "";
    public string ChatId { get; init; } = "";
    public string SenderId { get; init; } = "";
    public string SenderName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string RawKind { get; init; } = "";
    public string Text { get; init; } = "";
    public string[] Mentions { get; init; } = [];
    public string? Quote { get; init; }
    public string? ReplyUrl { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Payload { get; init; } = "";
}
