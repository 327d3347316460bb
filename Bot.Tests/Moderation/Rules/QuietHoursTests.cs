using Bot.Rules.Policy;

namespace Bot.Tests.Moderation.Rules;

/// <summary>The quiet-hours calculator the rule, the outbox and the timers share.</summary>
public class QuietHoursTests
{
    private static readonly GroupPolicy Source = new();

    private static readonly GroupPolicy LateGroup = new() { QuietHours = [Given.Window("23:30", "07:30")] };

    private static readonly GroupPolicy Weekdays = new()
    {
        QuietHours =
        [
            Given.Window("23:00", "06:30", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday),
            Given.Window("12:40", "14:20", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday),
        ],
    };

    [TestCase("23:05", "23:00–06:30")]
    [TestCase("12:41", "12:40–14:20")]
    [TestCase("06:29", "23:00–06:30")]
    [TestCase("00:00", "23:00–06:30")]
    [TestCase("23:00", "23:00–06:30")]
    [TestCase("12:40", "12:40–14:20")]
    [TestCase("06:30", null)]
    [TestCase("14:20", null)]
    [TestCase("22:59", null)]
    [TestCase("09:12", null)]
    public void WindowAt_reads_the_source_windows_on_the_Shanghai_clock(string clock, string? window) =>
        Assert.That(QuietHours.WindowAt(Source, Given.At(clock))?.ToString(), Is.EqualTo(window));

    [Test]
    public void WindowAt_reads_the_groups_zone_whatever_the_offset_of_the_instant()
    {
        // 15:05 UTC is 23:05 in Shanghai and 07:05 in Los Angeles, the zone the tests run in.
        var instant = new DateTimeOffset(2026, 11, 25, 15, 5, 0, TimeSpan.Zero);
        Assert.That(QuietHours.WindowAt(Source, instant)?.ToString(), Is.EqualTo("23:00–06:30"));
    }

    [TestCase("23:29", false)]
    [TestCase("23:30", true)]
    [TestCase("02:00", true)]
    [TestCase("06:45", true)]
    [TestCase("07:29", true)]
    [TestCase("07:30", false)]
    [TestCase("12:41", false)]
    public void WindowAt_follows_a_23_30_to_07_30_policy(string clock, bool quiet) =>
        Assert.That(QuietHours.WindowAt(LateGroup, Given.At(clock)) is not null, Is.EqualTo(quiet));

    [TestCase("2026-11-27", "23:30", true, TestName = "Friday 23:30 is quiet")]
    [TestCase("2026-11-28", "02:00", true, TestName = "Saturday 02:00 is quiet, in Friday's window")]
    [TestCase("2026-11-28", "23:30", false, TestName = "Saturday 23:30 is not quiet")]
    [TestCase("2026-11-29", "23:30", false, TestName = "Sunday 23:30 is not quiet")]
    [TestCase("2026-11-30", "02:00", false, TestName = "Monday 02:00 is not quiet, in Sunday's window")]
    [TestCase("2026-11-30", "23:30", true, TestName = "Monday 23:30 is quiet")]
    [TestCase("2026-11-28", "13:00", false, TestName = "Saturday 13:00 is not quiet")]
    [TestCase("2026-11-30", "13:00", true, TestName = "Monday 13:00 is quiet")]
    public void WindowAt_keeps_a_window_across_midnight_on_the_day_it_starts(string date, string clock, bool quiet) =>
        Assert.That(QuietHours.WindowAt(Weekdays, Given.On(date, clock)) is not null, Is.EqualTo(quiet));

    [TestCase("23:10", "2026-11-26", "06:30")]
    [TestCase("03:00", "2026-11-25", "06:30")]
    [TestCase("12:41", "2026-11-25", "14:20")]
    [TestCase("09:12", "2026-11-25", "09:12")]
    [TestCase("06:30", "2026-11-25", "06:30")]
    public void NextAllowed_is_the_end_of_the_window_or_the_instant_itself(string clock, string date, string allowed) =>
        Assert.That(QuietHours.NextAllowed(Source, Given.At(clock)), Is.EqualTo(Given.On(date, allowed)));

    [Test]
    public void NextAllowed_continues_through_windows_that_follow_each_other()
    {
        var policy = new GroupPolicy { QuietHours = [Given.Window("12:40", "14:20"), Given.Window("14:20", "15:00"), Given.Window("22:00", "00:00"), Given.Window("00:00", "06:30")] };
        Assert.Multiple(() =>
        {
            Assert.That(QuietHours.NextAllowed(policy, Given.At("13:00")), Is.EqualTo(Given.At("15:00")));
            Assert.That(QuietHours.NextAllowed(policy, Given.At("22:30")), Is.EqualTo(Given.On("2026-11-26", "06:30")));
        });
    }

    [Test]
    public void NextAllowed_chains_into_a_window_of_the_next_weekday_only()
    {
        var policy = new GroupPolicy { QuietHours = [Given.Window("23:00", "06:30"), Given.Window("06:30", "08:00", DayOfWeek.Saturday)] };
        Assert.Multiple(() =>
        {
            Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-11-27", "23:30")), Is.EqualTo(Given.On("2026-11-28", "08:00")), "Friday night runs into Saturday's late morning");
            Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-11-25", "23:30")), Is.EqualTo(Given.On("2026-11-26", "06:30")), "Wednesday night ends at 06:30");
        });
    }

    [Test]
    public void NextAllowed_refuses_windows_that_leave_no_time_to_post()
    {
        var policy = new GroupPolicy { QuietHours = [Given.Window("00:00", "12:00"), Given.Window("12:00", "00:00")] };
        Assert.That(() => QuietHours.NextAllowed(policy, Given.At("09:00")), Throws.InvalidOperationException.With.Message.Contains("no time to post"));
    }

    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);

    [Test]
    public void NextAllowed_across_the_spring_change_ends_at_06_30_on_the_new_clock()
    {
        var policy = new GroupPolicy { TimeZone = "America/New_York", QuietHours = [Given.Window("23:00", "06:30")] };
        Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-03-07", "23:10", Est)), Is.EqualTo(Given.On("2026-03-08", "06:30", Edt)));
    }

    [Test]
    public void NextAllowed_for_an_end_the_clock_skips_is_when_the_clock_jumps_past_it()
    {
        // On 2026-03-08 New York's clock goes from 01:59:59 EST to 03:00 EDT; 02:30 never happens.
        var policy = new GroupPolicy { TimeZone = "America/New_York", QuietHours = [Given.Window("01:00", "02:30")] };
        Assert.Multiple(() =>
        {
            Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-03-08", "01:30", Est)), Is.EqualTo(Given.On("2026-03-08", "03:00", Edt)));
            Assert.That(QuietHours.WindowAt(policy, Given.On("2026-03-08", "03:00", Edt)), Is.Null);
        });
    }

    [Test]
    public void NextAllowed_for_an_end_the_clock_repeats_is_its_next_occurrence()
    {
        // On 2026-11-01 New York's clock reads 01:00–02:00 twice, first EDT, then EST.
        var policy = new GroupPolicy { TimeZone = "America/New_York", QuietHours = [Given.Window("01:00", "01:30")] };
        Assert.Multiple(() =>
        {
            Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-11-01", "01:10", Edt)), Is.EqualTo(Given.On("2026-11-01", "01:30", Edt)));
            Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-11-01", "01:10", Est)), Is.EqualTo(Given.On("2026-11-01", "01:30", Est)));
        });
    }

    [Test]
    public void NextAllowed_in_a_zone_without_daylight_saving_is_plain_wall_time()
    {
        var policy = new GroupPolicy { TimeZone = "Asia/Kolkata", QuietHours = [Given.Window("22:00", "06:00")] };
        var offset = new TimeSpan(5, 30, 0);
        Assert.That(QuietHours.NextAllowed(policy, Given.On("2026-03-08", "23:00", offset)), Is.EqualTo(Given.On("2026-03-09", "06:00", offset)));
    }
}
