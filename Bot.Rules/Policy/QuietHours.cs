namespace Bot.Rules.Policy;

/// <summary>
/// Reads a policy's quiet hours on the group's own clock (<see cref="GroupPolicy.Zone"/>), never the machine's.
/// A window crossing midnight (23:00–06:30) belongs to the day it starts, so its <see cref="QuietWindow.Days"/> name
/// the evening: Friday's 23:00–06:30 covers Saturday 02:00, Sunday's covers Monday 02:00. A window whose start equals
/// its end is empty. Windows end on the wall clock: a window ending at a time that a DST change skips ends when the
/// clock jumps past it; a window ending at a time that a DST change repeats ends at its next occurrence.
/// </summary>
public static class QuietHours
{
    /// <summary>How far ahead <see cref="NextAllowed"/> looks before deciding the windows leave no time to post.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(8);

    /// <summary>The policy's window containing <paramref name="instant"/>, or <c>null</c> when it is not quiet.</summary>
    public static QuietWindow? WindowAt(GroupPolicy policy, DateTimeOffset instant) =>
        Find(policy, policy.Zone, instant)?.Window;

    /// <summary>
    /// When a post held at <paramref name="instant"/> may go out: the instant itself if it is not quiet, else the end of
    /// its window, and if that end falls into another window, that window's end, and so on.
    /// </summary>
    /// <exception cref="InvalidOperationException">The windows cover every hour of the coming week.</exception>
    public static DateTimeOffset NextAllowed(GroupPolicy policy, DateTimeOffset instant)
    {
        var zone = policy.Zone;
        var at = instant;
        while (Find(policy, zone, at) is { } quiet)
        {
            at = quiet.End;
            if (at - instant > Horizon)
            {
                throw new InvalidOperationException(
                    $"Quiet hours {Describe(policy.QuietHours)} {policy.TimeZone} leave no time to post within {Horizon.TotalDays} days.");
            }
        }

        return at;
    }

    /// <summary>
    /// The instant at which <paramref name="allowed"/> of time outside quiet hours has passed since
    /// <paramref name="start"/>: a reply window does not run while members are told not to post. A notice posted at
    /// 22:00 with two hours to reply is due at 07:30 (one hour before 23:00, one after 06:30); one posted at 23:30, at
    /// 08:30.
    /// </summary>
    public static DateTimeOffset AfterAllowed(GroupPolicy policy, DateTimeOffset start, TimeSpan allowed)
    {
        var at = NextAllowed(policy, start);
        var left = allowed;
        while (NextQuietStart(policy, at) is { } quiet && at + left > quiet)
        {
            left -= quiet - at;
            at = NextAllowed(policy, quiet);
        }

        return at + left;
    }

    /// <summary>The first instant after <paramref name="after"/> at which a window begins, within the coming week.</summary>
    private static DateTimeOffset? NextQuietStart(GroupPolicy policy, DateTimeOffset after)
    {
        var zone = policy.Zone;
        var today = TimeZoneInfo.ConvertTime(after, zone).Date;
        DateTimeOffset? first = null;
        foreach (var window in policy.QuietHours.Where(w => w.Start != w.End))
        {
            for (var day = today; day <= today.AddDays(Horizon.Days); day = day.AddDays(1))
            {
                if (!On(window, day)) continue;
                var begins = ToInstant(day + window.Start.ToTimeSpan(), zone, after);
                if (begins <= after) continue;
                if (first is null || begins < first) first = begins;
                break;
            }
        }

        return first;
    }

    /// <summary>The windows as written in verdicts: "23:00–06:30, 12:40–14:20".</summary>
    public static string Describe(IEnumerable<QuietWindow> windows) => string.Join(", ", windows);

    private readonly record struct Quiet(QuietWindow Window, DateTimeOffset End);

    private static Quiet? Find(GroupPolicy policy, TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var today = local.Date;
        foreach (var window in policy.QuietHours)
        {
            DateTime? endWall = null;
            if (window.Start < window.End)
            {
                if (time >= window.Start && time < window.End && On(window, today)) endWall = today + window.End.ToTimeSpan();
            }
            else if (window.Start > window.End)
            {
                // Crossing midnight: the evening part is today's window, the morning part is yesterday's.
                if (time >= window.Start && On(window, today)) endWall = today.AddDays(1) + window.End.ToTimeSpan();
                else if (time < window.End && On(window, today.AddDays(-1))) endWall = today + window.End.ToTimeSpan();
            }

            if (endWall is { } wall) return new Quiet(window, ToInstant(wall, zone, instant));
        }

        return null;
    }

    private static bool On(QuietWindow window, DateTime day) =>
        window.Days is not { Count: > 0 } days || days.Contains(day.DayOfWeek);

    /// <summary>The first instant after <paramref name="after"/> at which the zone's wall clock reads <paramref name="wall"/> or later.</summary>
    private static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone, DateTimeOffset after)
    {
        if (zone.IsAmbiguousTime(wall))
        {
            // The clock reads this time twice: the window ends at the first reading still ahead.
            return zone.GetAmbiguousTimeOffsets(wall)
                .Select(offset => new DateTimeOffset(wall, offset))
                .Where(candidate => candidate > after)
                .DefaultIfEmpty(new DateTimeOffset(wall, zone.GetUtcOffset(wall)))
                .Min();
        }

        if (!zone.IsInvalidTime(wall)) return new DateTimeOffset(wall, zone.GetUtcOffset(wall));

        // The clock skips this time: find, to the second, the instant it jumps past it. Read with the offsets of the
        // day before and after, the wall time falls on either side of the jump.
        var low = new DateTimeOffset(wall, zone.GetUtcOffset(wall.AddDays(1))).ToUnixTimeSeconds();
        var high = new DateTimeOffset(wall, zone.GetUtcOffset(wall.AddDays(-1))).ToUnixTimeSeconds();
        if (low > high) (low, high) = (high, low);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(middle), zone).DateTime >= wall) high = middle;
            else low = middle + 1;
        }

        return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(low), zone);
    }
}
