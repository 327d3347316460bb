using System.Globalization;

namespace Bot.Host.Wording;

/// <summary>Instants and durations as people in the school read them: on the group's clock, in Chinese units.</summary>
public static class Clock
{
    /// <summary>「11月29日 08:31」 on <paramref name="zone"/>'s clock; the year only when it is not <paramref name="now"/>'s.</summary>
    public static string At(DateTimeOffset instant, TimeZoneInfo zone, DateTimeOffset now, bool seconds = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var year = local.Year == TimeZoneInfo.ConvertTime(now, zone).Year ? "" : $"{local.Year}年";
        return string.Create(CultureInfo.InvariantCulture, $"{year}{local.Month}月{local.Day}日 {local:HH:mm}{(seconds ? local.ToString(":ss", CultureInfo.InvariantCulture) : "")}");
    }

    public static string At(DateTimeOffset? instant, TimeZoneInfo zone, DateTimeOffset now, bool seconds = false) =>
        instant is { } at ? At(at, zone, now, seconds) : "—";

    /// <summary>「08:31」: a time of the day on the group's clock.</summary>
    public static string TimeOfDay(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The calendar date on the group's clock, for date fields: 「2026-11-29」.</summary>
    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>「2小时」「1天3小时」「1分30秒」: the two largest units, nothing below a second.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = span.Negate();
        var parts = new List<string>(4);
        if (span.Days > 0) parts.Add($"{span.Days}天");
        if (span.Hours > 0) parts.Add($"{span.Hours}小时");
        if (span.Minutes > 0) parts.Add(parts.Count == 0 && span.Seconds == 0 ? $"{span.Minutes}分钟" : $"{span.Minutes}分");
        if (span.Seconds > 0) parts.Add($"{span.Seconds}秒");
        return parts.Count == 0 ? "0秒" : string.Concat(parts.Take(2));
    }
}
