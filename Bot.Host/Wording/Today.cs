using Bot.Host.Rules;

namespace Bot.Host.Wording;

/// <summary>The school's clock for one page: its zone (the default policy's; a group's page uses the group's) and the request's instant.</summary>
public sealed record Today(TimeZoneInfo Zone, DateTimeOffset Now)
{
    public static Today Of(HttpContext http, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return new Today(zone ?? services.GetRequiredService<PolicyDefaults>().Policy.Zone, services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>「11月29日 08:31」.</summary>
    public string At(DateTimeOffset? instant, bool seconds = false) => Clock.At(instant, Zone, Now, seconds);

    public string TimeOfDay(DateTimeOffset instant) => Clock.TimeOfDay(instant, Zone);

    /// <summary>Midnight starting the school's day that contains <paramref name="instant"/>.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).Date;
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
