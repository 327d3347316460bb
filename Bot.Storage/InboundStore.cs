using Bot.Rules.Messages;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>The record of every delivered callback; the unique dedupe key turns WeCom's retries into no-ops.</summary>
public static class InboundStore
{
    /// <summary>Inserts the message and returns its id; <c>null</c> when a message with the same dedupe key was already recorded.</summary>
    public static async Task<long?> TryInsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        InboundMessage message, string status, string verdictsJson, string payload, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO inbound_messages (dedupe_key, channel, chat_id, chat_type, sender_id, sender_name, kind, raw_kind,
                                          text, mentions, quote, reply_url, event_name, received_at, status, verdicts, payload)
            VALUES (@DedupeKey, @Channel, @ChatId, @ChatType, @SenderId, @SenderName, @Kind, @RawKind,
                    @Text, @Mentions, @Quote, @ReplyUrl, @EventName, @ReceivedAt, @Status, @Verdicts::jsonb, @Payload)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """;
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new
        {
            message.DedupeKey,
            Channel = message.Channel.ToString(),
            message.ChatId,
            ChatType = message.ChatType.ToString(),
            message.SenderId,
            message.SenderName,
            Kind = message.Kind.ToString(),
            message.RawKind,
            message.Text,
            Mentions = message.Mentions.ToArray(),
            message.Quote,
            message.ReplyUrl,
            message.EventName,
            message.ReceivedAt,
            Status = status,
            Verdicts = verdictsJson,
            Payload = payload,
        }, transaction, cancellationToken: cancellationToken));
    }
}
