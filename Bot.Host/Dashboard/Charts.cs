using System.Globalization;
using Bot.Host.Wording;
using Bot.Storage;

namespace Bot.Host.Dashboard;

/// <summary>One bar of a chart: its label, its length as a share of the longest possible (0..1), and the number it stands for.</summary>
public sealed record Bar(string Label, double Share, string Text);

public sealed record Chart(string Title, IReadOnlyList<Bar> Bars);

/// <summary>What the overview's charts show, computed from reply samples; drawn by <see cref="Components.BarChart"/>.</summary>
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
    public static Chart ReplyRatePerDay(IReadOnlyList<ReplySample> samples, Today today, int days = 14)
    {
        var byDay = samples.GroupBy(s => TimeZoneInfo.ConvertTime(s.PostedAt, today.Zone).Date).ToDictionary(g => g.Key, g => g.ToList());
        var last = TimeZoneInfo.ConvertTime(today.Now, today.Zone).Date;
        return new Chart($"每日回复率（近{days}天）", [.. Enumerable.Range(0, days).Select(i => last.AddDays(i - days + 1)).Select(day =>
        {
            var asked = byDay.GetValueOrDefault(day) ?? [];
            var replied = asked.Count(s => s.RepliedAt is not null);
            var rate = asked.Count == 0 ? 0 : (double)replied / asked.Count;
            return new Bar(day.ToString("M月d日", CultureInfo.InvariantCulture), rate,
                asked.Count == 0 ? "无通知" : string.Create(CultureInfo.InvariantCulture, $"{rate:0%}（{replied}/{asked.Count}）"));
        })]);
    }

    /// <summary>How long members took to reply, from the notice's posting to their reply.</summary>
    public static Chart TimeToReply(IReadOnlyList<ReplySample> samples)
    {
        var delays = samples.Where(s => s.RepliedAt is not null).Select(s => s.RepliedAt!.Value - s.PostedAt).ToList();
        var counts = Buckets.Select((b, i) => delays.Count(d => d > (i == 0 ? TimeSpan.MinValue : Buckets[i - 1].Upper) && d <= b.Upper)).ToList();
        var most = Math.Max(1, counts.Max());
        return new Chart("回复用时分布（近14天）",
            [.. Buckets.Select((b, i) => new Bar(b.Label, (double)counts[i] / most, string.Create(CultureInfo.InvariantCulture, $"{counts[i]}人次")))]);
    }
}
