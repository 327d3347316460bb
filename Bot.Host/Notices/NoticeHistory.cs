using System.Globalization;
using Bot.Host.Admin;
using Bot.Host.Rules;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Notices;

/// <summary>The notices' history for the dashboard and the admin API: one search, one export.</summary>
public sealed class NoticeHistory(NpgsqlDataSource db, PolicyDefaults defaults)
{
    public const int PageSize = 50;
    public const int MaxExport = 5000;

    public Task<(IReadOnlyList<NoticeRecord> Notices, int Total)> SearchAsync(NoticeFilter filter, int page, CancellationToken ct) =>
        NoticeQueries.SearchAsync(db, filter, PageSize, (Math.Max(page, 1) - 1) * PageSize, ct);

    /// <summary>The notices the filter finds (at most <see cref="MaxExport"/>) as a spreadsheet: a line per notice, or per asked member.</summary>
    public async Task<IResult> ExportAsync(NoticeFilter filter, bool perMember, string fileName, CancellationToken ct)
    {
        var (notices, _) = await NoticeQueries.SearchAsync(db, filter, MaxExport, 0, ct);
        return await FileAsync(notices, perMember, fileName, ct);
    }

    public async Task<IResult?> ExportOneAsync(long id, CancellationToken ct) =>
        await NoticeQueries.GetAsync(db, id, ct) is { } notice
            ? await FileAsync([notice], perMember: true, string.Create(CultureInfo.InvariantCulture, $"通知{id}-回复情况.csv"), ct)
            : null;

    private async Task<IResult> FileAsync(IReadOnlyList<NoticeRecord> notices, bool perMember, string fileName, CancellationToken ct)
    {
        var zones = await ZonesAsync(notices.Select(n => n.ChatId), ct);
        var zoneOf = (string chatId) => zones[chatId];
        var bytes = perMember ? NoticeExport.Members(notices, zoneOf) : NoticeExport.Notices(notices, zoneOf);
        return Results.File(bytes, "text/csv; charset=utf-8", fileName);
    }

    /// <summary>Each group's clock (its policy's zone), for times in the export.</summary>
    private async Task<Dictionary<string, TimeZoneInfo>> ZonesAsync(IEnumerable<string> chats, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var zones = new Dictionary<string, TimeZoneInfo>(StringComparer.Ordinal);
        foreach (var chat in chats.Distinct(StringComparer.Ordinal))
            zones[chat] = (await NoticeView.PolicyOfAsync(connection, null, chat, defaults, ct)).Zone;
        return zones;
    }
}
