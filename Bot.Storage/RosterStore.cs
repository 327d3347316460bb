using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Groups and their rosters as the bot sees them.</summary>
public static class RosterStore
{
    /// <summary>
    /// Makes sure the groups the bot hears from exist, and remembers where each one's robot can post. In chat id order,
    /// so that two transactions upserting overlapping groups lock their rows in the same order.
    /// </summary>
    public static void EnsureGroups(SqlBatch batch, IReadOnlyList<(string ChatId, string? CallbackWebhookUrl, DateTimeOffset Now)> groups)
    {
        // One row per group: an upsert may not touch a row twice.
        var sorted = groups.GroupBy(g => g.ChatId, StringComparer.Ordinal)
            .Select(g => g.LastOrDefault(x => x.CallbackWebhookUrl is not null, g.Last()))
            .OrderBy(g => g.ChatId, StringComparer.Ordinal).ToList();
        batch.Add("""
            INSERT INTO groups (chat_id, callback_webhook_url, updated_at)
            SELECT * FROM unnest(@chats::text[], @urls::text[], @nows::timestamptz[])
            ON CONFLICT (chat_id) DO UPDATE SET callback_webhook_url = coalesce(EXCLUDED.callback_webhook_url, groups.callback_webhook_url)
            WHERE groups.callback_webhook_url IS DISTINCT FROM EXCLUDED.callback_webhook_url AND EXCLUDED.callback_webhook_url IS NOT NULL
            """, new
        {
            chats = sorted.Select(g => g.ChatId).ToArray(),
            urls = sorted.Select(g => g.CallbackWebhookUrl).ToArray(),
            nows = sorted.Select(g => g.Now.UtcDateTime).ToArray(),
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

    /// <summary>Where a group's posts go: its configured webhook key, else the WebhookUrl of its latest callback.</summary>
    public static async Task<(string? WebhookKey, string? CallbackUrl)> WebhookOfAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string?, string?)>(new CommandDefinition(
            "SELECT webhook_key, callback_webhook_url FROM groups WHERE chat_id = @chatId", new { chatId }, cancellationToken: ct));
    }
}
