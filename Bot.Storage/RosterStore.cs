using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Groups and their rosters as the bot sees them.</summary>
public static class RosterStore
{
    /// <summary>Makes sure a group the bot hears from exists, and remembers where its robot can post.</summary>
    public static Task EnsureGroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string? callbackWebhookUrl,
        DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO groups (chat_id, callback_webhook_url, updated_at) VALUES (@chatId, @callbackWebhookUrl, @now)
            ON CONFLICT (chat_id) DO UPDATE SET callback_webhook_url = coalesce(EXCLUDED.callback_webhook_url, groups.callback_webhook_url)
            WHERE groups.callback_webhook_url IS DISTINCT FROM EXCLUDED.callback_webhook_url AND EXCLUDED.callback_webhook_url IS NOT NULL
            """, new { chatId, callbackWebhookUrl, now }, transaction, cancellationToken: ct));

    /// <summary>A member seen posting who is not on the roster joins it (到岗即入); their display name seeds the directory.</summary>
    public static async Task AddSeenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string userId, string name,
        DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO group_members (chat_id, user_id, source, added_at) VALUES (@chatId, @userId, 'seen', @now)
            ON CONFLICT DO NOTHING
            """, new { chatId, userId, now }, transaction, cancellationToken: ct));
        if (name.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO people (user_id, name, updated_at) VALUES (@userId, @name, @now) ON CONFLICT DO NOTHING
                """, new { userId, name, now }, transaction, cancellationToken: ct));
    }

    /// <summary>Where a group's posts go: its configured webhook key, else the WebhookUrl of its latest callback.</summary>
    public static async Task<(string? WebhookKey, string? CallbackUrl)> WebhookOfAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<(string?, string?)>(new CommandDefinition(
            "SELECT webhook_key, callback_webhook_url FROM groups WHERE chat_id = @chatId", new { chatId }, cancellationToken: ct));
    }
}
