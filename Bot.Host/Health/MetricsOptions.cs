using Bot.Host.Security;
using Microsoft.Extensions.Options;

namespace Bot.Host.Health;

/// <summary>
/// Who may read <c>/metrics</c> (the <c>Metrics</c> section). Not public by default: only this machine's loopback.
/// A scraper elsewhere is let in by its address (<see cref="AllowedAddresses"/>) or by a bearer key (<see cref="ApiKey"/>),
/// and <see cref="Port"/> moves the page off the callbacks' public port.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    private static readonly string[] Loopback = ["127.0.0.1", "::1"];

    /// <summary>When set, <c>/metrics</c> answers only on connections to this port (add it to the host's URLs) and is 404 elsewhere.</summary>
    public int? Port { get; set; }

    /// <summary>When set, a scraper from any address may read with <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Addresses and CIDR ranges that may read without the key; unset means loopback only.</summary>
    public string[]? AllowedAddresses { get; set; }

    public IReadOnlyList<string> EffectiveAllowedAddresses => AllowedAddresses ?? Loopback;
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        if (options.Port is < 1 or > 65535) errors.Add($"Metrics:Port must be a TCP port (1-65535), not {options.Port}");
        if (AddressRanges.Parse("Metrics:AllowedAddresses", options.EffectiveAllowedAddresses).Error is { } bad) errors.Add(bad);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
