using System.Net;
using Bot.Host.Admin;
using Bot.Host.Security;

namespace Bot.Host.Health;

/// <summary>Whether one request may read <c>/metrics</c>, and the status it gets when it may not.</summary>
public static class MetricsAccess
{
    public static int Decide(MetricsOptions options, int localPort, IPAddress? remote, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is { } port && localPort != port) return StatusCodes.Status404NotFound;
        var keyConfigured = !string.IsNullOrEmpty(options.ApiKey);
        if (keyConfigured && !string.IsNullOrEmpty(authorization))
            return AdminKeyFilter.Matches(authorization, options.ApiKey) ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
        if (AddressRanges.Contains(AddressRanges.Parse("Metrics:AllowedAddresses", options.EffectiveAllowedAddresses).Ranges, remote))
            return StatusCodes.Status200OK;
        // Outside the addresses: a key would let the scraper in, if one is configured.
        return keyConfigured ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
    }
}
