using Bot.Rules.Messages;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Groups and their rosters as the bot sees them.</summary>
public static class RosterStore
{
    /// <summary>
    /// What a batch of recorded callbacks tells of groups: every group a member posted in and every group a robot was added
    /// to (<c>add_to_chat</c>) exists, has WeCom's chat id, and can be posted to through the robot's WebhookUrl (already
    /// checked as WeCom's); a robot removed from a chat (<c>delete_from_chat</c>) can no longer post there.
    /// </summary>
    public static void NoteSeen(SqlBatch batch, IReadOnlyList<InboundMessage> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        // A robot's add_to_chat in a group is a group message too (IsGroup); its delete_from_chat is the opposite news.
        EnsureGroups(batch, recorded.Where(m => m.IsGroup && !IsRobotRemoved(m))
            .Select(m => (m.ChatId, m.Channel == Channel.Robot ? m.ReplyUrl : null, m.ReceivedAt)).ToList());
        var removed = recorded.Where(IsRobotRemoved).Select(m => m.ChatId).Distinct().ToArray();
        if (removed.Length > 0)
            batch.Add("UPDATE groups SET callback_webhook_url = NULL WHERE chat_id = ANY(@removed) AND callback_webhook_url IS NOT NULL", new { removed });
    }

    private static bool IsRobotRemoved(InboundMessage message) => message is { Channel: Channel.Robot, EventName: "delete_from_chat" };

    /// <summary>
    /// Makes sure the groups the bot hears from exist, knows their chat ids as WeCom's, and remembers where each one's
    /// robot can post; posts held for a group whose route may have changed so are released. In chat id order, so that two
    /// transactions upserting overlapping groups lock their rows in the same order.
    /// </summary>
    public static void EnsureGroups(SqlBatch batch, IReadOnlyList<(string ChatId, string? CallbackWebhookUrl, DateTimeOffset Now)> groups)
    {
        if (groups.Count == 0) return;
        // One row per group: an upsert may not touch a row twice.
        var sorted = groups.GroupBy(g => g.ChatId, StringComparer.Ordinal)
            .Select(g => g.LastOrDefault(x => x.CallbackWebhookUrl is not null, g.Last()))
            .OrderBy(g => g.ChatId, StringComparer.Ordinal).ToList();
        batch.Add($"""
            WITH changed AS (
                INSERT INTO groups (chat_id, chat_id_known, callback_webhook_url, updated_at)
                SELECT c, true, u, n FROM unnest(@chats::text[], @urls::text[], @nows::timestamptz[]) AS s(c, u, n)
                ON CONFLICT (chat_id) DO UPDATE SET chat_id_known = true,
                    callback_webhook_url = coalesce(EXCLUDED.callback_webhook_url, groups.callback_webhook_url)
                WHERE NOT groups.chat_id_known
                   OR (EXCLUDED.callback_webhook_url IS NOT NULL AND groups.callback_webhook_url IS DISTINCT FROM EXCLUDED.callback_webhook_url)
                RETURNING chat_id)
            {OutboxStore.ReleaseHeldSql} IN (SELECT chat_id FROM changed)
            """, new
        {
            chats = sorted.Select(g => g.ChatId).ToArray(),
            urls = sorted.Select(g => g.CallbackWebhookUrl).ToArray(),
            nows = sorted.Select(g => g.Now.UtcDateTime).ToArray(),
            now = sorted.Max(g => g.Now),
        });
    }

    /// <summary>A member seen posting who is not on the roster joins it (到岗即入); their display name seeds the directory.</summary>
    internal static void AddSeen(SqlBatch batch, string chatId, string userId, string name, DateTimeOffset now)
    {
        batch.Add("""
            INSERT INTO group_members (chat_id, user_id, source, added_at) VALUES (@chatId, @userId, 'seen', @now)
            ON CONFLICT DO NOTHING
            """, new { chatId, userId, now });
        if (name.Length > 0)
            batch.Add("INSERT INTO people (user_id, name, updated_at) VALUES (@userId, @name, @now) ON CONFLICT DO NOTHING", new { userId, name, now });
    }
}
