using Bot.Rules.Messages;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>The record of every delivered callback; the unique dedupe key turns WeCom's retries into no-ops.</summary>
public static class InboundStore
{
    /// <summary>What a batch learns before it judges anything: which messages are already recorded, and each one's id.</summary>
    public sealed record Claim(IReadOnlySet<string> AlreadyRecorded, IReadOnlyList<long> Ids);

    /// <summary>
    /// Takes the batch's locks, then finds which dedupe keys are already recorded and draws an id for every message, in
    /// one round trip. <paramref name="lockKeys"/> are a group's chat id (the lock the timer worker and admin actions
    /// take too) or any other key that orders a message's deliveries. Under those locks no other transaction can record
    /// the same message until this one ends, so a message not yet recorded can be judged now and inserted, final, after.
    /// </summary>
    public static async Task<Claim> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<string> lockKeys, IReadOnlyCollection<string> dedupeKeys, CancellationToken ct)
    {
        const string sql = GroupStateStore.LockSql + """
            SELECT dedupe_key FROM inbound_messages WHERE dedupe_key = ANY(@dedupeKeys::text[]);
            SELECT nextval(pg_get_serial_sequence('inbound_messages', 'id')) FROM generate_series(1, @count);
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql,
            new { lockKeys = lockKeys.ToArray(), dedupeKeys = dedupeKeys.ToArray(), count = dedupeKeys.Count }, transaction, cancellationToken: ct));
        await grid.ReadAsync<object>();
        var recorded = (await grid.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var ids = (await grid.ReadAsync<long>()).ToList();
        return new Claim(recorded, ids);
    }

    /// <summary>
    /// One message to record, as it ends: its id from <see cref="ClaimAsync"/>, its status and its verdicts (JSON); for a
    /// message the code could not judge (status <c>failed</c>), the exception that stopped it.
    /// </summary>
    public readonly record struct Row(long Id, InboundMessage Message, string Status, string VerdictsJson, string Payload, string? Error = null);

    /// <summary>
    /// Adds the insert of the batch's messages, final, to <paramref name="batch"/>: one statement, one array per column.
    /// There is no ON CONFLICT: a message recorded meanwhile would mean the claim's locks failed, and then the whole
    /// transaction must fail rather than commit the effects of a duplicate.
    /// </summary>
    public static void Insert(SqlBatch batch, IReadOnlyList<Row> rows)
    {
        if (rows.Count == 0) return;
        const string sql = """
            INSERT INTO inbound_messages (id, dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind,
                                          text, mentions, quote, reply_url, event_name, received_at, status, verdicts, payload, error)
            OVERRIDING SYSTEM VALUE
            SELECT r.id, r.dedupe_key, r.channel, r.chat_id, r.chat_type, r.sender_id, r.sender_name, r.kind, r.raw_kind, r.text,
                   ARRAY(SELECT jsonb_array_elements_text(r.mentions)), r.quote, r.reply_url, r.event_name, r.received_at,
                   r.status, r.verdicts, r.payload, r.error
            FROM unnest(@ids::bigint[], @keys::text[], @channels::text[], @chats::text[], @chatTypes::text[], @senders::text[],
                        @senderNames::text[], @kinds::text[], @rawKinds::text[], @texts::text[], @mentions::jsonb[], @quotes::text[],
                        @replyUrls::text[], @events::text[], @receivedAt::timestamptz[], @statuses::text[], @verdicts::jsonb[], @payloads::text[],
                        @errors::text[])
                 AS r(id, dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind, text, mentions, quote,
                      reply_url, event_name, received_at, status, verdicts, payload, error)
            """;
        string?[] Column(Func<InboundMessage, string?> read) => rows.Select(r => read(r.Message)).ToArray();
        batch.Add(sql, new
        {
            ids = rows.Select(r => r.Id).ToArray(),
            keys = Column(m => m.DedupeKey),
            channels = Column(m => m.Channel.ToString()),
            chats = Column(m => m.ChatId),
            chatTypes = Column(m => m.ChatType.ToString()),
            senders = Column(m => m.SenderId),
            senderNames = Column(m => m.SenderName),
            kinds = Column(m => m.Kind.ToString()),
            rawKinds = Column(m => m.RawKind),
            texts = Column(m => m.Text),
            // An array per row does not unnest: mentions travel as JSON.
            mentions = Column(m => System.Text.Json.JsonSerializer.Serialize(m.Mentions)),
            quotes = Column(m => m.Quote),
            replyUrls = Column(m => m.ReplyUrl),
            events = Column(m => m.EventName),
            receivedAt = rows.Select(r => r.Message.ReceivedAt.UtcDateTime).ToArray(),
            statuses = rows.Select(r => r.Status).ToArray(),
            verdicts = rows.Select(r => r.VerdictsJson).ToArray(),
            payloads = rows.Select(r => r.Payload).ToArray(),
            errors = rows.Select(r => r.Error).ToArray(),
        });
    }
}
