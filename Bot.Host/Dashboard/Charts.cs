using System.Globalization;
using System.Text;
using Bot.Storage;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard;

/// <summary>Charts drawn by the server as SVG: no script, no library, readable in a screenshot and by a screen reader (title, labels).</summary>
public static class Charts
{
    /// <summary>Reply-time buckets as people think of them: within a minute, five, a quarter hour…</summary>
    private static readonly (TimeSpan Upper, string Label)[] Buckets =
    [
        (TimeSpan.FromMinutes(1), "1分钟内"), (TimeSpan.FromMinutes(5), "1–5分钟"), (TimeSpan.FromMinutes(15), "5–15分钟"),
        (TimeSpan.FromMinutes(30), "15–30分钟"), (TimeSpan.FromHours(1), "30–60分钟"), (TimeSpan.FromHours(2), "1–2小时"),
        (TimeSpan.MaxValue, "2小时以上"),
    ];

    /// <summary>Of the members asked by the notices of each day (on the school's clock), the share that replied.</summary>
    public static string ReplyRatePerDay(IReadOnlyList<ReplySample> samples, DateTimeOffset now, TimeZoneInfo zone, int days = 14)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var byDay = samples.GroupBy(s => TimeZoneInfo.ConvertTime(s.PostedAt, zone).Date).ToDictionary(g => g.Key, g => g.ToList());
        var bars = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).Select(day =>
        {
            var asked = byDay.GetValueOrDefault(day) ?? [];
            var replied = asked.Count(s => s.RepliedAt is not null);
            var rate = asked.Count == 0 ? (double?)null : (double)replied / asked.Count;
            return (Label: day.ToString("MM-dd", CultureInfo.InvariantCulture), Value: rate ?? 0,
                Text: rate is { } r ? $"{r:0%}（{replied}/{asked.Count}）" : "无通知");
        }).ToList();
        return BarChart("每日回复率（近14天）", bars, 1.0, v => v.ToString("0%", CultureInfo.InvariantCulture));
    }

    /// <summary>How long members took to reply, from the notice's posting to their reply.</summary>
    public static string TimeToReply(IReadOnlyList<ReplySample> samples)
    {
        var delays = samples.Where(s => s.RepliedAt is not null).Select(s => s.RepliedAt!.Value - s.PostedAt).ToList();
        var bars = Buckets.Select((b, i) =>
        {
            var lower = i == 0 ? TimeSpan.MinValue : Buckets[i - 1].Upper;
            var count = delays.Count(d => d > lower && d <= b.Upper);
            return (b.Label, Value: (double)count, Text: $"{count}人次");
        }).ToList();
        // An even maximum keeps the middle grid line on a whole number of replies.
        var max = Math.Max(2, Math.Ceiling(bars.Max(b => b.Value) / 2) * 2);
        return BarChart("回复用时分布（近14天）", bars, max, v => v.ToString("0", CultureInfo.InvariantCulture));
    }

    private static string BarChart(string title, List<(string Label, double Value, string Text)> bars, double max, Func<double, string> axis)
    {
        // One width for every chart, so that their lettering is the same size side by side.
        const int width = 640, height = 160, top = 24, left = 40, barGap = 6;
        var slot = (width - left) / (double)bars.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<figure class="chart"><svg viewBox="0 0 {width} {height + top + 40}" role="img" aria-label="{E(title)}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{E(title)}</title><text x="0" y="14" class="chart-title">{E(title)}</text>""");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = top + height - fraction * height;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" x2="{width}" y1="{y:0.#}" y2="{y:0.#}" class="grid"/><text x="{left - 4}" y="{y + 4:0.#}" class="axis" text-anchor="end">{E(axis(max * fraction))}</text>""");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, text) = bars[i];
            var h = max <= 0 ? 0 : value / max * height;
            var x = left + i * slot + barGap / 2.0;
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{top + height - h:0.#}" width="{slot - barGap:0.#}" height="{h:0.#}" class="bar"><title>{E(label)}：{E(text)}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + (slot - barGap) / 2:0.#}" y="{top + height + 16}" class="axis" text-anchor="middle">{E(label)}</text>""");
        }

        return svg.Append("</svg></figure>").ToString();
    }
}
