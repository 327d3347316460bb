using Bot.Host.WeCom.Archive;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary>What the group page shows of the message archive: the group's room and channel, and rooms to confirm.</summary>
/// <param name="Enabled">Whether this service reads the archive at all (WeCom:Archive configured).</param>
/// <param name="Proposals">Rooms of the archive that the bot believes are this group, by their members.</param>
public sealed record ArchiveSection(bool Enabled, string? RoomId, string? Channel, IReadOnlyList<RoomView> Proposals);

/// <summary>
/// The group page's 会话存档 field: the group's archive room and channel, and a room the bot believes is this group (by
/// its members) for the administrator to confirm. The same <see cref="ArchiveMapping"/> as the admin API.
/// </summary>
public static class GroupArchiveField
{
    public static readonly IReadOnlyDictionary<string, string> ChannelNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["callback"] = "仅@机器人的消息（回调）",
        ["archive"] = "会话存档（全部消息，无需@）",
        ["both"] = "会话存档 + 回调补漏",
    };

    public static async Task<ArchiveSection> LoadAsync(HttpContext http, NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        var mapping = http.RequestServices.GetRequiredService<ArchiveMapping>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var current = await ArchiveStore.GroupAsync(connection, null, chatId, ct);
        var overview = await mapping.OverviewAsync(connection, Change.Now(http), ct);
        return new ArchiveSection(overview.Enabled, current?.RoomId, current?.Channel,
            [.. overview.Rooms.Where(r => r.Proposal?.ChatId == chatId)]);
    }

    /// <summary>Saves the field through <see cref="ArchiveMapping"/>, audited; the problem, in Chinese, when refused.</summary>
    public static async Task<(string Field, string Problem, int Status)?> SaveAsync(HttpContext http, string chatId, IFormCollection form)
    {
        var mapping = http.RequestServices.GetRequiredService<ArchiveMapping>();
        var roomId = form["roomId"].ToString();
        var channel = form["channel"].ToString();
        (string Field, string Problem, int Status)? problem = null;
        await Change.RunAsync(http, "group.archive", $"group:{chatId}", async (connection, transaction, now) =>
        {
            problem = await mapping.SetAsync(connection, transaction, chatId, roomId, channel, now, http.RequestAborted);
            return (true, problem is null ? (object?)new { roomId, channel } : null);
        });
        return problem is { } p ? (p.Field, Chinese(p.Field, p.Problem, p.Status), p.Status) : null;
    }

    /// <summary>The mapping's refusal as the page says it (the API keeps the English).</summary>
    private static string Chinese(string field, string problem, int status) => (field, status) switch
    {
        ("channel", _) when problem.StartsWith("must be", StringComparison.Ordinal) => "消息渠道只能是回调、会话存档或两者",
        ("channel", _) => "本服务未配置会话存档（WeCom:Archive），只能使用回调",
        ("roomId", 409) => "这个存档群 ID 已对应另一个群",
        ("roomId", _) when problem.StartsWith("is required", StringComparison.Ordinal) => "选择会话存档时必须填写存档群 ID",
        ("roomId", _) => "存档群 ID 只能由企业微信的字母、数字和符号组成",
        _ => "没有这个群",
    };
}
