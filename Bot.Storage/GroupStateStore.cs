using System.Text.Json.Nodes;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Loads what the rules need to judge one message in a group, inside the message's transaction.</summary>
public static class GroupStateStore
{
    /// <summary>How far back recent posts are read (the longest of the flood and back-and-forth windows is used, capped).</summary>
    private const int RecentPostLimit = 200;

    // Classes, not positional records: Dapper maps arrays and instants by property, not by constructor signature.
    private sealed class GroupRow
    {
        public string ChatId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? WebhookKey { get; init; }
        public string? Owner { get; init; }
        public string[] Issuers { get; init; } = [];
        public string Policy { get; init; } = "{}";
    }

    private sealed class PersonRow
    {
        public string UserId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Department { get; init; } = "";
        public string? Supervisor { get; init; }
        public string? Role { get; init; }
    }

    private sealed class PostRow
    {
        public string SenderId { get; init; } = "";
        public string Text { get; init; } = "";
        public string[] Mentions { get; init; } = [];
        public DateTimeOffset At { get; init; }
    }

    public static async Task<GroupInfo?> LoadGroupAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct)
    {
        var (group, members) = await LoadGroupRowAsync(connection, transaction, chatId, ct);
        return group is null ? null : new GroupInfo(group.ChatId, group.Name, group.WebhookKey, group.Owner, members, group.Issuers);
    }

    /// <summary>The group's policy: the default overlaid with the group's overrides.</summary>
    public static async Task<GroupPolicy> LoadPolicyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, GroupPolicy defaults, CancellationToken ct)
    {
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT policy::text FROM groups WHERE chat_id = @chatId", new { chatId }, transaction, cancellationToken: ct));
        return json is null ? defaults : EffectivePolicy(defaults, json);
    }

    /// <summary>
    /// Everything in one round trip (a multi-statement command; on this kind of machine each round trip costs more than
    /// the queries themselves). With <paramref name="lockGroup"/> it first takes the group's transaction-scoped advisory
    /// lock, so messages and deadlines of one group are decided one at a time, each seeing the effects of the last.
    /// </summary>
    public static async Task<GroupState> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string chatId, string senderId, GroupPolicy defaults, DateTimeOffset now, CancellationToken ct, bool lockGroup = false)
    {
        var sql = (lockGroup ? "SELECT pg_advisory_xact_lock(hashtext(@chatId));\n" : "") + StateSql;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql,
            new { chatId, senderId, now, since = now - RecentLookbackCap, strikesSince = now - StrikeLookbackCap, RecentPostLimit },
            transaction, cancellationToken: ct));
        if (lockGroup) await grid.ReadAsync<object>();

        var group = await grid.ReadSingleOrDefaultAsync<GroupRow>();
        var members = (await grid.ReadAsync<string>()).ToList();
        var people = (await grid.ReadAsync<PersonRow>()).ToDictionary(r => r.UserId, r => new Person(r.UserId, r.Name, r.Department, r.Supervisor, r.Role));
        var notices = await NoticeStore.ReadOpenAsync(grid);
        var rectifications = await RectificationStore.ReadOpenAsync(grid);
        var posts = (await grid.ReadAsync<PostRow>()).ToList();
        var strikeTimes = (await grid.ReadAsync<DateTimeOffset>()).ToList();

        var info = group is null
            ? new GroupInfo(chatId, "", null, null, [], [])
            : new GroupInfo(group.ChatId, group.Name, group.WebhookKey, group.Owner, members, group.Issuers);
        var policy = group is null ? defaults : EffectivePolicy(defaults, group.Policy);
        // The windows are the group's policy, known only now: the query read within generous caps, the policy trims.
        var lookback = policy.FloodWindow > policy.PrivateChatWindow ? policy.FloodWindow : policy.PrivateChatWindow;
        var recent = posts.Where(p => p.At > now - lookback).Reverse().Select(r => new RecentPost(r.SenderId, r.Text, r.Mentions, r.At)).ToList();
        var strikes = strikeTimes.Count(at => at > now - policy.StrikeWindow);
        return new GroupState(info, policy, people, notices, rectifications, recent, strikes);
    }

    // A group's overrides change rarely and are read on every message: merge each distinct text once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(GroupPolicy Defaults, string Overrides), GroupPolicy> Merged = new();

    private static GroupPolicy EffectivePolicy(GroupPolicy defaults, string overrides)
    {
        if (Merged.Count > 1024) Merged.Clear();
        return Merged.GetOrAdd((defaults, overrides), key => PolicyJson.Merge(key.Defaults, JsonNode.Parse(key.Overrides) as JsonObject));
    }

    private static readonly TimeSpan RecentLookbackCap = TimeSpan.FromDays(1);
    private static readonly TimeSpan StrikeLookbackCap = TimeSpan.FromDays(400);

    // The group, its roster, the people the rules may name (members, the sender, the owner, their supervisors, anyone
    // with a role), open notices and rectifications, recent posts and the sender's recent strikes.
    private const string StateSql = $"""
        SELECT chat_id AS ChatId, name AS Name, webhook_key AS WebhookKey, owner AS Owner, issuers AS Issuers, policy::text AS Policy
        FROM groups WHERE chat_id = @chatId;
        SELECT user_id FROM group_members WHERE chat_id = @chatId ORDER BY position;
        WITH named AS (
            SELECT user_id FROM group_members WHERE chat_id = @chatId
            UNION SELECT @senderId
            UNION SELECT owner FROM groups WHERE chat_id = @chatId AND owner IS NOT NULL)
        SELECT user_id AS UserId, name AS Name, department AS Department, supervisor AS Supervisor, role AS Role FROM people
        WHERE user_id IN (SELECT user_id FROM named)
           OR user_id IN (SELECT supervisor FROM people WHERE user_id IN (SELECT user_id FROM named) AND supervisor IS NOT NULL)
           OR role IS NOT NULL;
        {NoticeStore.OpenNoticesSql}
        {RectificationStore.OpenSql}
        SELECT sender_id AS SenderId, text AS Text, mentions AS Mentions, received_at AS At FROM inbound_messages
        WHERE chat_id = @chatId AND received_at > @since AND received_at <= @now AND status = 'evaluated'
        ORDER BY received_at DESC, id DESC LIMIT @RecentPostLimit;
        SELECT at FROM violations WHERE chat_id = @chatId AND user_id = @senderId AND strike AND at > @strikesSince AND at <= @now;
        """;

    /// <summary>
    /// The named people, their supervisors, and everyone with a role (principals receive rectification escalations).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Person>> LoadPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        const string sql = """
            SELECT user_id AS UserId, name AS Name, department AS Department, supervisor AS Supervisor, role AS Role FROM people
            WHERE user_id = ANY(@ids)
               OR user_id IN (SELECT supervisor FROM people WHERE user_id = ANY(@ids) AND supervisor IS NOT NULL)
               OR role IS NOT NULL
            """;
        var rows = await connection.QueryAsync<PersonRow>(new CommandDefinition(sql, new { ids = userIds.Distinct().ToArray() }, transaction, cancellationToken: ct));
        return rows.ToDictionary(r => r.UserId, r => new Person(r.UserId, r.Name, r.Department, r.Supervisor, r.Role));
    }

    private static async Task<(GroupRow? Group, IReadOnlyList<string> Members)> LoadGroupRowAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct)
    {
        var group = await connection.QuerySingleOrDefaultAsync<GroupRow>(new CommandDefinition("""
            SELECT chat_id AS ChatId, name AS Name, webhook_key AS WebhookKey, owner AS Owner, issuers AS Issuers, policy::text AS Policy FROM groups WHERE chat_id = @chatId
            """, new { chatId }, transaction, cancellationToken: ct));
        var members = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM group_members WHERE chat_id = @chatId ORDER BY position", new { chatId }, transaction, cancellationToken: ct))).ToList();
        return (group, members);
    }
}
