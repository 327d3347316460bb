using System.Net;

namespace Bot.Host.Security;

/// <summary>Addresses as operators write them in configuration: one address (<c>10.0.0.5</c>, <c>::1</c>) or a range (<c>10.0.0.0/8</c>).</summary>
public static class AddressRanges
{
    public static bool TryParse(string? text, out IPNetwork range)
    {
        range = default;
        var value = text?.Trim() ?? "";
        if (IPAddress.TryParse(value, out var address) && !value.Contains('/', StringComparison.Ordinal))
        {
            range = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(value, out range);
    }

    /// <summary>
    /// The entries of <paramref name="key"/>, or the first bad one named (<c>Admin:KnownProxies:1 "x" is not …</c>).
    /// A blank entry is skipped: it is how an unset environment variable arrives (<c>Admin__KnownProxies__0=</c>).
    /// </summary>
    public static (IReadOnlyList<IPNetwork> Ranges, string? Error) Parse(string key, IReadOnlyList<string>? entries)
    {
        var ranges = new List<IPNetwork>();
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(entries![i])) continue;
            if (!TryParse(entries[i], out var range))
                return ([], $"{key}:{i} \"{entries[i]}\" is not an IP address or a CIDR range such as 10.0.0.0/8");
            ranges.Add(range);
        }

        return (ranges, null);
    }

    /// <summary>Whether <paramref name="address"/> is in any range; an IPv4 client seen through a dual-stack socket counts as IPv4.</summary>
    public static bool Contains(IEnumerable<IPNetwork> ranges, IPAddress? address)
    {
        if (address is null) return false;
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return ranges.Any(r => r.Contains(plain));
    }
}
