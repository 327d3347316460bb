using System.Diagnostics.CodeAnalysis;

namespace Bot.Host.WeCom;

/// <summary>Group robot webhook addresses: built from an administrator's key, or taken from a robot callback's WebhookUrl.</summary>
public static class WebhookAddress
{
    public const string SendPath = "/cgi-bin/webhook/send";

    /// <summary><c>{apiBaseUrl}/cgi-bin/webhook/send?key=KEY</c>.</summary>
    public static Uri FromKey(Uri apiBaseUrl, string key)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ApiUri(apiBaseUrl, SendPath, "key=" + Uri.EscapeDataString(key));
    }

    /// <summary>
    /// A callback's WebhookUrl as WeCom's own: <c>http(s)://{allowed host}/cgi-bin/webhook/send?key=KEY</c>, rebuilt
    /// from the host and the key (see <see cref="WeComHosts"/>).
    /// </summary>
    public static bool TryFromCallback(string? webhookUrl, WeComHosts hosts, [NotNullWhen(true)] out Uri? address, [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return hosts.TryRebuild(webhookUrl, SendPath, "key", IsKey, out address, out refusal);
    }

    /// <summary>A robot's key as WeCom issues them (a UUID), and as the admin API accepts them.</summary>
    public static bool IsKey(string key) =>
        key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>An API path under the base, keeping any path the base itself has (a fake mounted under a prefix).</summary>
    internal static Uri ApiUri(Uri apiBaseUrl, string path, string? query = null) =>
        new(apiBaseUrl.GetLeftPart(UriPartial.Authority) + apiBaseUrl.AbsolutePath.TrimEnd('/') + path + (query is null ? "" : "?" + query));
}
