using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.WeCom.Archive;

/// <summary>A room's likely group: the unmapped group whose roster shares the most of the room's members.</summary>
public sealed record RoomProposal(string ChatId, string Name, int Shared, int RoomMembers, int RosterMembers);

public sealed record RoomView(string RoomId, long Messages, IReadOnlyList<string> Members, DateTimeOffset LastMessageAt, string? MappedTo, RoomProposal? Proposal);

public sealed record ArchiveOverview(bool Enabled, long Seq, DateTimeOffset? CaughtUpTo, long Skipped, IReadOnlyList<RoomView> Rooms);

/// <summary>
/// Which archive room is which group, and which channel judges it: one implementation for the admin API and the
/// dashboard. Rooms not mapped yet are listed with the group they most likely are (by members), for an administrator to
/// confirm; the bot never maps a room by itself.
/// </summary>
public sealed class ArchiveMapping(IOptions<ArchiveOptions> options)
{
    public static readonly string[] Channels = ["callback", "archive", "both"];

    /// <summary>A proposal needs at least this share of the room's members and of the roster in common.</summary>
    private const double ProposalOverlap = 0.6;

    /// <summary>The problem as (field, why, HTTP status), or null: then the settings are stored.</summary>
    public async Task<(string Field, string Problem, int Status)?> SetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string chatId, string? roomId, string? channel, DateTimeOffset now, CancellationToken ct)
    {
        roomId = string.IsNullOrWhiteSpace(roomId) ? null : roomId.Trim();
        channel ??= roomId is null ? "callback" : "archive";
        if (!Channels.Contains(channel)) return ("channel", "must be callback, archive or both", 400);
        if (roomId is not null && Admin.WeComIds.ChatIdProblem(roomId) is { } badRoom) return ("roomId", badRoom, 400);
        if (channel != "callback" && roomId is null) return ("roomId", $"is required for channel {channel}: the archive knows the group only by it", 400);
        if (channel != "callback" && !options.Value.Enabled)
            return ("channel", $"{channel} needs the archive, and {ArchiveOptions.Section}:SdkPath is not configured on this host", 400);
        if (await ArchiveStore.GroupAsync(connection, transaction, chatId, ct) is null) return ("chatId", "is not a known group", 404);
        if (roomId is not null && await ArchiveStore.GroupOfRoomAsync(connection, transaction, roomId, ct) is { } other && other != chatId)
            return ("roomId", $"is already the archive room of group {other}", 409);

        await ArchiveStore.SetGroupAsync(connection, transaction, chatId, roomId, channel, now, ct);
        return null;
    }

    public async Task<ArchiveOverview> OverviewAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        var rooms = await ArchiveStore.RoomsAsync(connection, ct);
        var groups = await ArchiveStore.UnmappedGroupsAsync(connection, ct);
        var progress = options.Value.Enabled ? await ArchiveStore.ProgressAsync(connection, now, ct) : null;
        return new ArchiveOverview(options.Value.Enabled, progress?.Seq ?? 0, progress?.CaughtUpTo, progress?.Skipped ?? 0,
            rooms.Select(r => new RoomView(r.RoomId, r.Messages, r.Members, r.LastMessageAt, r.MappedTo,
                r.MappedTo is null ? Propose(r, groups) : null)).ToList());
    }

    /// <summary>The best group for a room, when it shares most members both ways and no other group ties with it.</summary>
    public static RoomProposal? Propose(ArchiveRoom room, IReadOnlyList<UnmappedGroup> groups)
    {
        var members = room.Members.ToHashSet(StringComparer.Ordinal);
        var scored = groups.Where(g => g.Members.Length > 0)
            .Select(g => (Group: g, Shared: g.Members.Count(members.Contains)))
            .Where(s => s.Shared >= ProposalOverlap * members.Count && s.Shared >= ProposalOverlap * s.Group.Members.Length)
            .OrderByDescending(s => s.Shared).ToList();
        if (scored.Count == 0 || (scored.Count > 1 && scored[1].Shared == scored[0].Shared)) return null;
        var best = scored[0];
        return new RoomProposal(best.Group.ChatId, best.Group.Name, best.Shared, members.Count, best.Group.Members.Length);
    }
}
