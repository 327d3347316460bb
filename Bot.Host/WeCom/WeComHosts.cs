using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Host.WeCom;

/// <summary>
/// Where the bot may send what a callback names. A URL in a payload is a string from the network: followed blindly it
/// would let anyone who can forge or replay a payload aim the bot at any host (SSRF) or at another API of WeCom's own
/// host. So an address is accepted only as WeCom's documented path on WeCom's hosts (<c>WeCom:WebhookHosts</c>, over
/// http or https on the default port, as real callbacks name them) or on <c>WeCom:ApiBaseUrl</c>'s own origin (the fake
/// WeCom of tests and the sandbox), and it is rebuilt from the host, the path and the one parameter that matters, so
/// nothing else in the string survives. Host names are compared exactly, after IDN normalisation: no suffixes, no
/// look-alikes, no IP literals (<see cref="WeComOptionsValidator"/> refuses them in the list).
/// </summary>
public sealed class WeComHosts
{
    private readonly Uri _apiBaseUrl;
    private readonly HashSet<string> _hosts;

    public WeComHosts(Uri apiBaseUrl, IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        ArgumentNullException.ThrowIfNull(hosts);
        _apiBaseUrl = apiBaseUrl;
        _hosts = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);
    }

    public static WeComHosts From(WeComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.ApiBaseUrl, options.EffectiveWebhookHosts);
    }

    /// <summary>
    /// Accepts <paramref name="url"/> only as <paramref name="path"/> on an allowed origin with exactly one non-empty
    /// <paramref name="parameter"/> of the expected shape; <paramref name="address"/> is rebuilt from those alone.
    /// <paramref name="refusal"/> says why not, without the query (it carries the key or code).
    /// </summary>
    public bool TryRebuild(string? url, string path, string parameter, Func<string, bool> validValue,
        [NotNullWhen(true)] out Uri? address, [NotNullWhen(false)] out string? refusal)
    {
        address = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var candidate) || candidate.Scheme is not ("http" or "https"))
        {
            refusal = "not an absolute http(s) URL";
            return false;
        }

        if (candidate.UserInfo.Length > 0)
        {
            refusal = "the URL carries user info";
            return false;
        }

        if (OriginOf(candidate) is not { } origin)
        {
            refusal = $"host {Shown(candidate.IdnHost)}:{candidate.Port} is not one of WeCom's (WeCom:WebhookHosts) nor WeCom:ApiBaseUrl's";
            return false;
        }

        if (!string.Equals(candidate.AbsolutePath, origin.Path + path, StringComparison.Ordinal))
        {
            refusal = $"the path is not {path}";
            return false;
        }

        if (!QueryHelpers.ParseQuery(candidate.Query).TryGetValue(parameter, out var values)
            || values.Count != 1 || values[0] is not { } value || !validValue(value))
        {
            refusal = $"the URL has no single valid {parameter}";
            return false;
        }

        address = new Uri($"{origin.Prefix}{path}?{parameter}={Uri.EscapeDataString(value)}");
        refusal = null;
        return true;
    }

    /// <summary>Whether the bot may send to <paramref name="target"/> at all: the client's last check before any request.</summary>
    public bool Allows(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsAbsoluteUri && target.UserInfo.Length == 0 && OriginOf(target) is not null;
    }

    /// <summary>The origin a URL may be rebuilt on: scheme, host and port, and the path the API lives under there.</summary>
    private (string Prefix, string Path)? OriginOf(Uri candidate)
    {
        if (string.Equals(candidate.Scheme, _apiBaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(candidate.IdnHost, _apiBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            && candidate.Port == _apiBaseUrl.Port)
        {
            var basePath = _apiBaseUrl.AbsolutePath.TrimEnd('/');
            return (_apiBaseUrl.GetLeftPart(UriPartial.Authority) + basePath, basePath);
        }

        if (candidate.HostNameType == UriHostNameType.Dns && candidate.IsDefaultPort && _hosts.Contains(candidate.IdnHost))
            return ($"{candidate.Scheme}://{candidate.IdnHost.ToLowerInvariant()}", "");
        return null;
    }

    private static string Shown(string host) => host.Length > 100 ? host[..100] + "…" : host;
}
