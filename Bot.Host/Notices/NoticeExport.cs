using System.Globalization;
using Bot.Host.Wording;
using Bot.Storage;
using CsvHelper;

namespace Bot.Host.Notices;

/// <summary>
/// Notices as a spreadsheet (导出 Excel): CSV in UTF-8 with a byte order mark (so Excel and WPS read the Chinese), Chinese
/// headers and states, times on the group's clock as Excel reads a date and time. A value that starts like a formula
/// (= + - @, also their full-width forms) is written as text, so no name in the file can run in a spreadsheet.
/// </summary>
public static class NoticeExport
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    private static readonly string[] MemberHeader =
        ["通知编号", "群", "发布人", "发布时间", "回复截止", "通知状态", "成员", "账号", "部门", "回复情况", "回复时间", "用时", "情况说明时间", "上报时间", "通知内容"];

    private static readonly string[] NoticeHeader =
        ["通知编号", "群", "发布人", "发布时间", "回复截止", "通知状态", "要求回复", "按时回复", "逾期回复", "已作情况说明", "已上报", "未回复", "回复率", "通知内容"];

    /// <summary>One line per asked member of each notice.</summary>
    public static byte[] Members(IReadOnlyList<NoticeRecord> notices, Func<string, TimeZoneInfo> zoneOf) => Write(MemberHeader, notices.SelectMany(n =>
        n.Duties.Select(d => (IReadOnlyList<string>)
        [
            Id(n), n.GroupName, n.IssuerName, At(n.PostedAt, zoneOf(n.ChatId)), At(n.ReplyDeadline, zoneOf(n.ChatId)), Names.Stage(n.Stage),
            d.Name, d.UserId, d.Department, DutyStatuses.Chinese(DutyStatuses.Of(d)), At(d.RepliedAt, zoneOf(n.ChatId)),
            d.RepliedAt is { } replied ? Clock.Duration(replied - n.PostedAt) : "", At(d.ExplainedAt, zoneOf(n.ChatId)), At(d.EscalatedAt, zoneOf(n.ChatId)), n.Text,
        ])));

    /// <summary>One line per notice, with its counts.</summary>
    public static byte[] Notices(IReadOnlyList<NoticeRecord> notices, Func<string, TimeZoneInfo> zoneOf) => Write(NoticeHeader, notices.Select(n =>
    {
        var count = n.Duties.GroupBy(DutyStatuses.Of).ToDictionary(g => g.Key, g => g.Count());
        string Count(DutyStatus status) => count.GetValueOrDefault(status).ToString(CultureInfo.InvariantCulture);
        var answered = count.GetValueOrDefault(DutyStatus.OnTime) + count.GetValueOrDefault(DutyStatus.Late);
        return (IReadOnlyList<string>)
        [
            Id(n), n.GroupName, n.IssuerName, At(n.PostedAt, zoneOf(n.ChatId)), At(n.ReplyDeadline, zoneOf(n.ChatId)), Names.Stage(n.Stage),
            n.Duties.Count.ToString(CultureInfo.InvariantCulture), Count(DutyStatus.OnTime), Count(DutyStatus.Late), Count(DutyStatus.Explained),
            Count(DutyStatus.Escalated), Count(DutyStatus.Pending), n.Duties.Count == 0 ? "" : $"{(double)answered / n.Duties.Count:0%}", n.Text,
        ];
    }));

    private static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader([.. header]);
            foreach (var row in rows) csv.WriteRecord([.. row.Select(AsText)]);
        }

        return stream.ToArray();
    }

    /// <summary>One value as a CSV field of these files, formula defused and quoted as needed (what a cell of the export holds).</summary>
    internal static string Field(string value)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options with { WriteByteOrderMark = false }, leaveOpen: true)) csv.WriteRecord([AsText(value)]);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray())[..^2];
    }

    /// <summary>The full-width ＝＋－＠ that Chinese input methods type, which spreadsheets also read as a formula's start.</summary>
    private static string AsText(string value) => value.Length > 0 && value[0] is '＝' or '＋' or '－' or '＠' ? "'" + value : value;

    private static string Id(NoticeRecord notice) => notice.Id.ToString(CultureInfo.InvariantCulture);

    private static string At(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
