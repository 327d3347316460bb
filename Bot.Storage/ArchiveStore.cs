using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Where the archive is read up to, and the archive rooms counted rather than judged.</summary>
public sealed record ArchiveProgress(long Seq, DateTimeOffset? CaughtUpTo, DateTimeOffset EnabledAt, long Skipped,
    IReadOnlyList<(long From, long To)> CommittedAhead);

/// <summary>Messages of one archive room counted (not judged) within a range of records; the members are the latest message's.</summary>
public sealed record RoomCount(string RoomId, int Messages, IReadOnlyList<string> Members, DateTimeOffset LastMessageAt);

/// <summary>
/// The archive's reading position. Each record, once committed, stays committed: a message's range of records is written
/// in the transaction that records the message (<see cref="AddIngested"/>), and the cursor moves over a run of committed
/// ranges (<see cref="AdvanceAsync"/>). So a crash between two transactions neither skips a record (its range is not
/// written) nor reads one twice (its range is, and the reader skips it).
/// </summary>
public static class ArchiveStore
{
    /// <summary>The position, created at <paramref name="now"/> the first time: records sent before that are not judged.</summary>
    public static async Task<ArchiveProgress> ProgressAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO archive_cursor (id, seq, enabled_at) VALUES (1, 0, @now) ON CONFLICT (id) DO NOTHING;
            SELECT seq AS Seq, caught_up_to AS CaughtUpTo, enabled_at AS EnabledAt, skipped AS Skipped FROM archive_cursor WHERE id = 1;
            SELECT from_seq, to_seq FROM archive_ingested ORDER BY from_seq, to_seq;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { now }, cancellationToken: ct));
        var cursor = await grid.ReadSingleAsync<CursorRow>();
        var ahead = (await grid.ReadAsync<(long, long)>()).ToList();
        return new ArchiveProgress(cursor.Seq, cursor.CaughtUpTo, cursor.EnabledAt, cursor.Skipped, ahead);
    }

    private sealed class CursorRow
    {
        public long Seq { get; init; }
        public DateTimeOffset? CaughtUpTo { get; init; }
        public DateTimeOffset EnabledAt { get; init; }
        public long Skipped { get; init; }
    }

    /// <summary>
    /// Adds to <paramref name="batch"/>: records (<paramref name="from"/>, <paramref name="to"/>] are committed, and what
    /// was counted among them (messages of rooms not judged, records skipped) is added to the counts, once: a range
    /// committed already changes nothing.
    /// </summary>
    public static void AddIngested(SqlBatch batch, long from, long to, IReadOnlyList<RoomCount> rooms, int skipped)
    {
        batch.Add("""
            WITH added AS (
                INSERT INTO archive_ingested (to_seq, from_seq) VALUES (@to, @from) ON CONFLICT (to_seq) DO NOTHING RETURNING 1),
            counted AS (
                INSERT INTO archive_rooms (room_id, messages, members, last_message_at)
                SELECT r.room_id, r.messages, ARRAY(SELECT jsonb_array_elements_text(r.members)), r.at
                FROM unnest(@roomIds::text[], @roomMessages::integer[], @roomMembers::jsonb[], @roomTimes::timestamptz[]) AS r(room_id, messages, members, at)
                WHERE EXISTS (SELECT 1 FROM added)
                ON CONFLICT (room_id) DO UPDATE SET messages = archive_rooms.messages + EXCLUDED.messages,
                    members = CASE WHEN EXCLUDED.last_message_at >= archive_rooms.last_message_at THEN EXCLUDED.members ELSE archive_rooms.members END,
                    last_message_at = greatest(archive_rooms.last_message_at, EXCLUDED.last_message_at)
                RETURNING 1)
            UPDATE archive_cursor SET skipped = skipped + @skipped WHERE id = 1 AND @skipped > 0 AND EXISTS (SELECT 1 FROM added)
            """, new
        {
            from,
            to,
            skipped,
            roomIds = rooms.Select(r => r.RoomId).ToArray(),
            roomMessages = rooms.Select(r => r.Messages).ToArray(),
            roomMembers = rooms.Select(r => System.Text.Json.JsonSerializer.Serialize(r.Members)).ToArray(),
            roomTimes = rooms.Select(r => r.LastMessageAt.UtcDateTime).ToArray(),
        });
    }

    /// <summary>Moves the cursor to <paramref name="seq"/> (the end of a run of committed ranges) and forgets the ranges behind it.</summary>
    public static Task AdvanceAsync(NpgsqlConnection connection, long seq, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE archive_cursor SET seq = @seq WHERE id = 1 AND seq < @seq;
            DELETE FROM archive_ingested WHERE to_seq <= @seq;
            """, new { seq }, cancellationToken: ct));

    /// <summary>Every message sent before <paramref name="at"/> has been read; never moves back.</summary>
    public static Task MarkCaughtUpAsync(NpgsqlConnection connection, DateTimeOffset at, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE archive_cursor SET caught_up_to = greatest(coalesce(caught_up_to, @at), @at) WHERE id = 1",
            new { at }, cancellationToken: ct));

    /// <summary>A recall, against the message it takes back (by dedupe key: that message may not be recorded yet).</summary>
    public static void AddRecall(SqlBatch batch, string recalledDedupeKey, string recallDedupeKey, DateTimeOffset at) =>
        batch.Add("""
            INSERT INTO message_recalls (recalled_dedupe_key, recall_dedupe_key, recalled_at) VALUES (@recalledDedupeKey, @recallDedupeKey, @at)
            ON CONFLICT (recalled_dedupe_key) DO NOTHING
            """, new { recalledDedupeKey, recallDedupeKey, at });

    /// <summary>Every group mapped to an archive room: room id → (chat id, channel).</summary>
    public static async Task<IReadOnlyDictionary<string, (string ChatId, string Channel)>> RoomMapAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<(string RoomId, string ChatId, string Channel)>(new CommandDefinition(
            "SELECT archive_room_id, chat_id, channel FROM groups WHERE archive_room_id IS NOT NULL", cancellationToken: ct)))
        .ToDictionary(r => r.RoomId, r => (r.ChatId, r.Channel), StringComparer.Ordinal);

    /// <summary>A group's archive room and channel; null when there is no such group.</summary>
    public static Task<GroupArchive?> GroupAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<GroupArchive?>(new CommandDefinition(
            "SELECT chat_id AS ChatId, archive_room_id AS RoomId, channel AS Channel FROM groups WHERE chat_id = @chatId",
            new { chatId }, transaction, cancellationToken: ct));

    /// <summary>The group whose archive room is <paramref name="roomId"/>, if any.</summary>
    public static Task<string?> GroupOfRoomAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string roomId, CancellationToken ct) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT chat_id FROM groups WHERE archive_room_id = @roomId", new { roomId }, transaction, cancellationToken: ct));

    public static Task SetGroupAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chatId, string? roomId, string channel,
        DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE groups SET archive_room_id = @roomId, channel = @channel, updated_at = @now WHERE chat_id = @chatId",
            new { chatId, roomId, channel, now }, transaction, cancellationToken: ct));

    /// <summary>The rooms counted so far, busiest first, with the group each is mapped to (when its channel is 'callback').</summary>
    public static async Task<IReadOnlyList<ArchiveRoom>> RoomsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<ArchiveRoom>(new CommandDefinition("""
            SELECT r.room_id AS RoomId, r.messages AS Messages, r.members AS Members, r.last_message_at AS LastMessageAt, g.chat_id AS MappedTo
            FROM archive_rooms r LEFT JOIN groups g ON g.archive_room_id = r.room_id
            ORDER BY r.messages DESC, r.room_id LIMIT 200
            """, cancellationToken: ct))).ToList();

    /// <summary>Every group not yet mapped to a room, with its roster: the candidates a room may be proposed for.</summary>
    public static async Task<IReadOnlyList<UnmappedGroup>> UnmappedGroupsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<UnmappedGroup>(new CommandDefinition("""
            SELECT g.chat_id AS ChatId, g.name AS Name,
                   coalesce((SELECT array_agg(m.user_id ORDER BY m.position) FROM group_members m WHERE m.chat_id = g.chat_id), '{}') AS Members
            FROM groups g WHERE g.archive_room_id IS NULL ORDER BY g.chat_id
            """, cancellationToken: ct))).ToList();
}

/// <summary>A group's archive settings.</summary>
public sealed class GroupArchive
{
    public string ChatId { get; init; } = "";
    public string? RoomId { get; init; }
    public string Channel { get; init; } = "callback";
}

/// <summary>An archive room whose messages are counted, not judged.</summary>
public sealed class ArchiveRoom
{
    public string RoomId { get; init; } = "";
    public long Messages { get; init; }
    public string[] Members { get; init; } = [];
    public DateTimeOffset LastMessageAt { get; init; }
    public string? MappedTo { get; init; }
}

public sealed class UnmappedGroup
{
    public string ChatId { get; init; } = "";
    public string Name { get; init; } = "";
    public string[] Members { get; init; } = [];
}
