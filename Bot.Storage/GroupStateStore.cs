using System.Text.Json.Nodes;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Loads what the rules need to judge one message in a group, inside the message's transaction.</summary>
public static class GroupStateStore
{
    /// <summary>How far back recent posts are read (the longest of the flood and back-and-forth windows is used, capped).</summary>
    internal const int RecentPostLimit = 200;

    // Classes, not positional records: Dapper maps arrays and instants by property, not by constructor signature.
    private sealed class GroupRow
    {
        public string ChatId { get; init; } = "";
        public string Name { get; init; } = "";
        public string? WebhookKey { get; init; }
        public string? Owner { get; init; }
        public string[] Issuers { get; init; } = [];
        public string Policy { get; init; } = "{}";
        public bool ChatIdKnown { get; init; }
        public bool HasWebhookKey { get; init; }
        public bool WebhookKeyExclusive { get; init; }
        public bool HasCallbackWebhook { get; init; }

        public GroupInfo Info(IReadOnlyList<string> members) => new(ChatId, Name, WebhookKey, Owner, members, Issuers)
        {
            Routing = new GroupRouting(ChatIdKnown, HasWebhookKey, WebhookKeyExclusive, HasCallbackWebhook),
        };
    }

    private sealed class PersonRow
    {
        public string UserId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Department { get; init; } = "";
        public string? Supervisor { get; init; }
        public string? Role { get; init; }
    }

    // One row per group, its roster or its recent posts as arrays: a row costs more to send and map than its values.
    private sealed class RosterRow
    {
        public string ChatId { get; init; } = "";
        public string[] Members { get; init; } = [];
    }

    /// <summary>A group's recent posts, oldest first, as parallel arrays; each post's mentions as a JSON array.</summary>
    private sealed class PostsRow
    {
        public string ChatId { get; init; } = "";
        public string[] Senders { get; init; } = [];
        public string[] Texts { get; init; } = [];
        public string[] Mentions { get; init; } = [];
        public DateTime[] Times { get; init; } = [];

        public IEnumerable<RecentPost> Posts() => Enumerable.Range(0, Senders.Length).Select(i => new RecentPost(Senders[i], Texts[i],
            System.Text.Json.JsonSerializer.Deserialize<string[]>(Mentions[i]) ?? [], new DateTimeOffset(DateTime.SpecifyKind(Times[i], DateTimeKind.Utc))));
    }

    public static async Task<GroupInfo?> LoadGroupAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct)
    {
        var (group, members) = await LoadGroupRowAsync(connection, transaction, chatId, ct);
        return group?.Info(members);
    }

    /// <summary>The group's policy: the default overlaid with the group's overrides.</summary>
    public static async Task<GroupPolicy> LoadPolicyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, GroupPolicy defaults, CancellationToken ct)
    {
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT policy::text FROM groups WHERE chat_id = @chatId", new { chatId }, transaction, cancellationToken: ct));
        return json is null ? defaults : EffectivePolicy(defaults, json);
    }

    /// <summary>The state of one group for one decision about <paramref name="senderId"/>; see <see cref="LoadSnapshotsAsync"/>.</summary>
    /// <param name="text">The message to be judged, when there is one: a command among them needs notices no longer tracked.</param>
    public static async Task<GroupState> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string chatId, string senderId, GroupPolicy defaults, DateTimeOffset now, CancellationToken ct, bool lockGroup = false, string? text = null) =>
        (await LoadSnapshotsAsync(connection, transaction, [(chatId, senderId)], now, now, defaults, ct, lockGroup,
            text is null ? null : [(chatId, text)]))[chatId].StateFor(senderId, now);

    /// <summary>
    /// What the rules need of many groups, read in one round trip (a multi-statement command of set-based reads: on this
    /// kind of machine each round trip costs more than the queries themselves): one snapshot per group, from which the
    /// state for each decision (its sender, its instant) is built. <paramref name="decisions"/> names each group with the
    /// senders whose decisions are coming; their instants lie between <paramref name="earliest"/> and
    /// <paramref name="latest"/>. With <paramref name="lockGroups"/> it first takes each group's transaction-scoped
    /// advisory lock (<see cref="LockSql"/>), so messages and deadlines of one group are decided one at a time.
    /// <paramref name="texts"/> are the messages to be judged: the notices their commands ask about are read too
    /// (<see cref="CommandRule.Asks"/>), for those messages only.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, GroupSnapshot>> LoadSnapshotsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<(string ChatId, string SenderId)> decisions, DateTimeOffset earliest, DateTimeOffset latest, GroupPolicy defaults,
        CancellationToken ct, bool lockGroups = false, IReadOnlyCollection<(string ChatId, string Text)>? texts = null)
    {
        if (decisions.Count == 0) return new Dictionary<string, GroupSnapshot>();
        var chats = decisions.Select(d => d.ChatId).Distinct(StringComparer.Ordinal).ToArray();
        var pairs = decisions.Distinct().ToArray();
        var asks = (texts ?? []).Select(t => (t.ChatId, Ask: CommandRule.Asks(t.Text))).Where(t => t.Ask is not null).ToList();
        var sql = (lockGroups ? LockSql : "") + StateSql;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            chats,
            lockKeys = chats,
            senders = pairs.Select(p => p.SenderId).ToArray(),
            pairChats = pairs.Select(p => p.ChatId).ToArray(),
            now = latest,
            sinceDefault = earliest - Lookback(defaults),
            sinceCap = earliest - RecentLookbackCap,
            strikesSince = earliest - StrikeLookbackCap,
            escalatedSince = earliest - NoticeStore.EscalatedGrace,
            askChats = asks.Select(a => a.ChatId).Distinct(StringComparer.Ordinal).ToArray(),
            askIds = asks.Where(a => a.Ask!.Value.NoticeId is not null).Select(a => a.Ask!.Value.NoticeId!.Value).ToArray(),
            RecentPostLimit,
        }, transaction, cancellationToken: ct));
        if (lockGroups) await grid.ReadAsync<object>();

        var groups = (await grid.ReadAsync<GroupRow>()).ToDictionary(g => g.ChatId);
        var members = (await grid.ReadAsync<RosterRow>()).ToDictionary(r => r.ChatId, r => r.Members);
        var people = (await grid.ReadAsync<PersonRow>()).ToDictionary(r => r.UserId, r => new Person(r.UserId, r.Name, r.Department, r.Supervisor, r.Role));
        var notices = (await NoticeStore.ReadOpenAsync(grid)).ToLookup(n => n.ChatId);
        var rectifications = (await RectificationStore.ReadOpenAsync(grid)).ToLookup(r => r.ChatId);
        var posts = (await grid.ReadAsync<PostsRow>()).ToDictionary(r => r.ChatId);
        var strikes = (await grid.ReadAsync<(string ChatId, string UserId, DateTimeOffset At)>()).ToLookup(s => s.ChatId);
        var asked = (await NoticeStore.ReadOpenAsync(grid)).ToLookup(n => n.ChatId);

        return chats.ToDictionary(chatId => chatId, chatId =>
        {
            var group = groups.GetValueOrDefault(chatId);
            var info = group is null
                ? new GroupInfo(chatId, "", null, null, [], []) { Routing = new GroupRouting(false, false, false, false) }
                : group.Info(members.GetValueOrDefault(chatId) ?? []);
            var policy = group is null ? defaults : EffectivePolicy(defaults, group.Policy);
            return new GroupSnapshot(info, policy, people, [.. notices[chatId]], [.. rectifications[chatId]],
                [.. posts.GetValueOrDefault(chatId)?.Posts() ?? []], [.. strikes[chatId].Select(s => (s.UserId, s.At))], [.. asked[chatId]]);
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// The people the rules may name in one group: its members, the sender and the owner, their supervisors, and anyone
    /// with a role. Each group gets its own map, because a mention written as a name resolves among these people only.
    /// </summary>
    internal static Dictionary<string, Person> PeopleOf(Dictionary<string, Person> all, IEnumerable<string> roster, string senderId, string? owner)
    {
        var named = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var userId in roster.Append(senderId).Append(owner ?? ""))
        {
            if (!all.TryGetValue(userId, out var person)) continue;
            named[userId] = person;
            if (person.Supervisor is { } supervisor && all.TryGetValue(supervisor, out var boss)) named[supervisor] = boss;
        }

        foreach (var person in all.Values)
            if (person.Role is not null) named[person.UserId] = person;
        return named;
    }

    internal static TimeSpan Lookback(GroupPolicy policy) =>
        policy.FloodWindow > policy.PrivateChatWindow ? policy.FloodWindow : policy.PrivateChatWindow;

    // A group's overrides change rarely and are read on every message: merge each distinct text once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(GroupPolicy Defaults, string Overrides), GroupPolicy> Merged = new();

    private static GroupPolicy EffectivePolicy(GroupPolicy defaults, string overrides)
    {
        if (Merged.Count > 1024) Merged.Clear();
        return Merged.GetOrAdd((defaults, overrides), key => PolicyJson.Merge(key.Defaults, JsonNode.Parse(key.Overrides) as JsonObject));
    }

    private static readonly TimeSpan RecentLookbackCap = TimeSpan.FromDays(1);
    private static readonly TimeSpan StrikeLookbackCap = TimeSpan.FromDays(400);

    private const string NoOverrides = "'{}'::jsonb";

    /// <summary>
    /// Takes the transaction-scoped advisory lock of every key in <c>@lockKeys</c> (a group's is its chat id), sorted by
    /// the lock's number, so that any two transactions take their common locks in the same order and cannot deadlock.
    /// </summary>
    internal const string LockSql = """
        SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(c) AS k FROM unnest(@lockKeys::text[]) AS c ORDER BY k) AS keys;

        """;

    // The groups, their rosters, the people the rules may name (members, senders, owners, their supervisors, anyone
    // with a role: each set looked up by key, `= ANY(ARRAY(…))`, so that even the generic plan of the prepared statement
    // probes the directory's index instead of scanning it; measured on 50,000 people: 7 ms instead of 15 per batch), open notices and rectifications, recent posts and each sender's recent strikes. Recent posts are
    // read over the default windows, or over the cap for a group whose policy overrides anything (its windows are
    // known only once its policy is merged).
    private const string StateSql = $"""
        SELECT g.chat_id AS ChatId, g.name AS Name, g.webhook_key AS WebhookKey, g.owner AS Owner, g.issuers AS Issuers, g.policy::text AS Policy,
               {GroupRoutes.RoutingColumns}
        FROM groups g WHERE g.chat_id = ANY(@chats);
        SELECT chat_id AS ChatId, array_agg(user_id ORDER BY position) AS Members FROM group_members WHERE chat_id = ANY(@chats) GROUP BY chat_id;
        WITH named AS (
            SELECT user_id FROM group_members WHERE chat_id = ANY(@chats)
            UNION SELECT unnest(@senders::text[])
            UNION SELECT owner FROM groups WHERE chat_id = ANY(@chats) AND owner IS NOT NULL),
        found AS (SELECT * FROM people WHERE user_id = ANY(ARRAY(SELECT user_id FROM named)))
        SELECT user_id AS UserId, name AS Name, department AS Department, supervisor AS Supervisor, role AS Role FROM found
        UNION SELECT user_id, name, department, supervisor, role FROM people WHERE user_id = ANY(ARRAY(SELECT supervisor FROM found))
        UNION SELECT user_id, name, department, supervisor, role FROM people WHERE role IS NOT NULL;
        {NoticeStore.OpenNoticesSql}
        {RectificationStore.OpenSql}
        SELECT c.chat_id AS ChatId, array_agg(p.sender_id ORDER BY p.received_at, p.id) AS Senders,
               array_agg(p.text ORDER BY p.received_at, p.id) AS Texts,
               array_agg(array_to_json(p.mentions)::text ORDER BY p.received_at, p.id) AS Mentions,
               array_agg(p.received_at ORDER BY p.received_at, p.id) AS Times
        FROM unnest(@chats::text[]) AS c(chat_id)
        LEFT JOIN groups g ON g.chat_id = c.chat_id
        CROSS JOIN LATERAL (
            SELECT m.chat_id, m.sender_id, m.text, m.mentions, m.received_at, m.id FROM inbound_messages m
            WHERE m.chat_id = c.chat_id AND m.status = 'evaluated' AND m.received_at <= @now
              AND m.received_at > CASE WHEN coalesce(g.policy, {NoOverrides}) = {NoOverrides} THEN @sinceDefault ELSE @sinceCap END
            ORDER BY m.received_at DESC, m.id DESC LIMIT @RecentPostLimit) AS p
        GROUP BY c.chat_id;
        SELECT v.chat_id, v.user_id, v.at FROM violations v
        JOIN unnest(@pairChats::text[], @senders::text[]) AS s(chat_id, user_id) ON v.chat_id = s.chat_id AND v.user_id = s.user_id
        WHERE v.strike AND v.at > @strikesSince AND v.at <= @now;
        {NoticeStore.AskedNoticesSql}
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
        var group = await connection.QuerySingleOrDefaultAsync<GroupRow>(new CommandDefinition($"""
            SELECT g.chat_id AS ChatId, g.name AS Name, g.webhook_key AS WebhookKey, g.owner AS Owner, g.issuers AS Issuers, g.policy::text AS Policy,
                   {GroupRoutes.RoutingColumns}
            FROM groups g WHERE g.chat_id = @chatId
            """, new { chatId }, transaction, cancellationToken: ct));
        var members = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_id FROM group_members WHERE chat_id = @chatId ORDER BY position", new { chatId }, transaction, cancellationToken: ct))).ToList();
        return (group, members);
    }
}
