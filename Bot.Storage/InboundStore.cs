using Bot.Rules.Messages;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>The record of every delivered callback; the unique dedupe key turns WeCom's retries into no-ops.</summary>
public static class InboundStore
{
    /// <summary>One message of a batch to record, with the status and verdicts it starts with.</summary>
    public readonly record struct Row(InboundMessage Message, string Status, string Payload);

    /// <summary>
    /// Inserts a batch of messages in one statement and returns the id of each, in order; <c>null</c> for one whose
    /// dedupe key was already recorded. The batch must not hold one dedupe key twice.
    /// </summary>
    public static async Task<long?[]> TryInsertManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        // One array per column, unnested into rows; mentions (an array per row) travel as JSON.
        const string sql = """
            INSERT INTO inbound_messages (dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind,
                                          text, mentions, quote, reply_url, event_name, received_at, status, verdicts, payload)
            SELECT r.dedupe_key, r.channel, r.chat_id, r.chat_type, r.sender_id, r.sender_name, r.kind, r.raw_kind, r.text,
                   ARRAY(SELECT jsonb_array_elements_text(r.mentions)), r.quote, r.reply_url, r.event_name, r.received_at,
                   r.status, '[]', r.payload
            FROM unnest(@keys::text[], @channels::text[], @chats::text[], @chatTypes::text[], @senders::text[], @senderNames::text[],
                        @kinds::text[], @rawKinds::text[], @texts::text[], @mentions::jsonb[], @quotes::text[], @replyUrls::text[],
                        @events::text[], @receivedAt::timestamptz[], @statuses::text[], @payloads::text[])
                 AS r(dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind, text, mentions, quote,
                      reply_url, event_name, received_at, status, payload)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id AS Id, dedupe_key AS DedupeKey
            """;
        string[] Column(Func<InboundMessage, string> read) => rows.Select(r => read(r.Message)).ToArray();
        string?[] Nullable(Func<InboundMessage, string?> read) => rows.Select(r => read(r.Message)).ToArray();
        var inserted = await connection.QueryAsync<(long Id, string DedupeKey)>(new CommandDefinition(sql, new
        {
            keys = Column(m => m.DedupeKey),
            channels = Column(m => m.Channel.ToString()),
            chats = Column(m => m.ChatId),
            chatTypes = Column(m => m.ChatType.ToString()),
            senders = Column(m => m.SenderId),
            senderNames = Column(m => m.SenderName),
            kinds = Column(m => m.Kind.ToString()),
            rawKinds = Column(m => m.RawKind),
            texts = Column(m => m.Text),
            mentions = Column(m => System.Text.Json.JsonSerializer.Serialize(m.Mentions)),
            quotes = Nullable(m => m.Quote),
            replyUrls = Nullable(m => m.ReplyUrl),
            events = Nullable(m => m.EventName),
            receivedAt = rows.Select(r => r.Message.ReceivedAt.UtcDateTime).ToArray(),
            statuses = rows.Select(r => r.Status).ToArray(),
            payloads = rows.Select(r => r.Payload).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var ids = inserted.ToDictionary(r => r.DedupeKey, r => r.Id, StringComparer.Ordinal);
        return rows.Select(r => ids.TryGetValue(r.Message.DedupeKey, out var id) ? id : (long?)null).ToArray();
    }

    /// <summary>Marks evaluated messages and stores their verdicts (JSON), in one statement.</summary>
    public static void SetVerdicts(SqlBatch batch, IReadOnlyList<(long Id, string VerdictsJson)> verdicts)
    {
        if (verdicts.Count == 0) return;
        batch.Add("""
            UPDATE inbound_messages m SET status = 'evaluated', verdicts = v.verdicts
            FROM unnest(@ids::bigint[], @verdicts::jsonb[]) AS v(id, verdicts) WHERE m.id = v.id
            """, new { ids = verdicts.Select(v => v.Id).ToArray(), verdicts = verdicts.Select(v => v.VerdictsJson).ToArray() });
    }
}
