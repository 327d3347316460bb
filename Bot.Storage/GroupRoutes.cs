using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A group's posting route as pages and metrics show it.</summary>
public sealed record GroupRoute(string ChatId, string Name, PostingRoute Route, long HeldPosts);

/// <summary>Where a group's posts go, as the dispatcher needs it: the route, and the key or URL it names (secrets: never shown).</summary>
public sealed record GroupAddress(PostingRoute Route, string? WebhookKey, string? CallbackWebhookUrl);

/// <summary>What is known of each group's ways to post (<see cref="PostingRoute"/>), read in one place.</summary>
public static class GroupRoutes
{
    /// <summary>The <see cref="GroupRouting"/> of <c>groups g</c>, as booleans: no key or URL leaves the database this way.</summary>
    internal const string RoutingColumns = """
        g.chat_id_known AS ChatIdKnown, coalesce(g.webhook_key, '') <> '' AS HasWebhookKey,
        g.webhook_key_exclusive AS WebhookKeyExclusive, g.callback_webhook_url IS NOT NULL AS HasCallbackWebhook
        """;

    private sealed class RouteRow
    {
        public string ChatId { get; init; } = "";
        public string Name { get; init; } = "";
        public bool ChatIdKnown { get; init; }
        public bool HasWebhookKey { get; init; }
        public bool WebhookKeyExclusive { get; init; }
        public bool HasCallbackWebhook { get; init; }
        public long HeldPosts { get; init; }
        public string? WebhookKey { get; init; }
        public string? CallbackWebhookUrl { get; init; }

        public PostingRoute Route => PostingRoute.Of(new GroupRouting(ChatIdKnown, HasWebhookKey, WebhookKeyExclusive, HasCallbackWebhook));
    }

    /// <summary>Every group's route, with how many of its posts are held for want of one.</summary>
    public static async Task<IReadOnlyList<GroupRoute>> AllAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<RouteRow>(new CommandDefinition($"""
            SELECT g.chat_id AS ChatId, g.name AS Name, {RoutingColumns},
                   (SELECT count(*) FROM outbox o WHERE o.status = 'held' AND o.chat_id = g.chat_id) AS HeldPosts
            FROM groups g ORDER BY g.name, g.chat_id
            """, cancellationToken: ct))).Select(r => new GroupRoute(r.ChatId, r.Name, r.Route, r.HeldPosts)).ToList();
    }

    /// <summary>One group's route as <see cref="AllAsync"/> shows it; null when the group is not known.</summary>
    public static async Task<GroupRoute?> OfAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RouteRow>(new CommandDefinition($"""
            SELECT g.chat_id AS ChatId, g.name AS Name, {RoutingColumns},
                   (SELECT count(*) FROM outbox o WHERE o.status = 'held' AND o.chat_id = g.chat_id) AS HeldPosts
            FROM groups g WHERE g.chat_id = @chatId
            """, new { chatId }, cancellationToken: ct));
        return row is null ? null : new GroupRoute(row.ChatId, row.Name, row.Route, row.HeldPosts);
    }

    /// <summary>The route of one group, with the key or URL to send through; null when the group is not known.</summary>
    public static async Task<GroupAddress?> AddressAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RouteRow>(new CommandDefinition($"""
            SELECT g.chat_id AS ChatId, {RoutingColumns}, g.webhook_key AS WebhookKey, g.callback_webhook_url AS CallbackWebhookUrl
            FROM groups g WHERE g.chat_id = @chatId
            """, new { chatId }, cancellationToken: ct));
        return row is null ? null : new GroupAddress(row.Route, row.WebhookKey, row.CallbackWebhookUrl);
    }

    internal static PostingRoute RouteOf(bool chatIdKnown, bool hasWebhookKey, bool webhookKeyExclusive, bool hasCallbackWebhook) =>
        PostingRoute.Of(new GroupRouting(chatIdKnown, hasWebhookKey, webhookKeyExclusive, hasCallbackWebhook));
}
