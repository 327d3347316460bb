using System.Globalization;
using System.Text;

namespace Bot.Rules.Moderation;

/// <summary>How the moderation rules write times, durations and hidden words, in verdicts and in Chinese.</summary>
internal static class ModerationText
{
    /// <summary>A duration in Chinese: 2分钟, 1小时30分钟, 30天.</summary>
    public static string Chinese(TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return "0秒";
        var text = new StringBuilder();
        if (span.Days > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Days}天");
        if (span.Hours > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Hours}小时");
        if (span.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}分钟");
        if (span.Seconds > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}秒");
        return text.ToString();
    }

    /// <summary>A duration in a verdict: 1m, 10m, 30d, 1h30m.</summary>
    public static string Short(TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return "0s";
        var text = new StringBuilder();
        if (span.Days > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Days}d");
        if (span.Hours > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Hours}h");
        if (span.Minutes > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Minutes}m");
        if (span.Seconds > 0) text.Append(CultureInfo.InvariantCulture, $"{span.Seconds}s");
        return text.ToString();
    }

    /// <summary>A time of day as the source writes it: 6:30, 23:00.</summary>
    public static string Clock(TimeOnly time) => string.Create(CultureInfo.InvariantCulture, $"{time.Hour}:{time.Minute:D2}");

    /// <summary>
    /// A matched span with all but its first character hidden (「赌*」), so evidence can be read without repeating the
    /// word; a one-character span is hidden entirely.
    /// </summary>
    public static string Mask(string text, int start, int length)
    {
        start = Math.Clamp(start, 0, text.Length);
        length = Math.Clamp(length, 0, text.Length - start);
        if (length == 0) return "";
        var keep = length > 1 && !char.IsSurrogate(text[start]) ? 1 : 0;
        return string.Concat(text.AsSpan(start, keep), new string('*', length - keep));
    }

    /// <summary>Characters as a reader counts them (字): Unicode scalars, so an emoji counts once.</summary>
    public static int Characters(string text) => text.EnumerateRunes().Count();
}
