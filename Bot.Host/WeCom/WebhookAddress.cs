using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Host.WeCom;

/// <summary>
/// Group robot webhook addresses. The bot only ever POSTs to <c>WeCom:ApiBaseUrl</c>'s origin: a WebhookUrl
/// that arrives in a callback is a string from the network, and following it blindly would let anyone who can
/// forge or replay a payload aim the bot at any host (SSRF).
/// </summary>
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
    /// Accepts a callback's WebhookUrl only if it is absolute, has the scheme, host and port of <paramref name="apiBaseUrl"/>,
    /// no user info, the path <c>/cgi-bin/webhook/send</c> (under the base's own path) and a non-empty <c>key</c>;
    /// the result is rebuilt from the base and the key, so nothing else in the string survives.
    /// </summary>
    public static bool TryFromCallback(string? webhookUrl, Uri apiBaseUrl, [NotNullWhen(true)] out Uri? address)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        address = null;
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var candidate)
            || !IsSameOrigin(candidate, apiBaseUrl)
            || candidate.UserInfo.Length > 0
            || !string.Equals(candidate.AbsolutePath, BasePath(apiBaseUrl) + SendPath, StringComparison.Ordinal))
        {
            return false;
        }

        if (!QueryHelpers.ParseQuery(candidate.Query).TryGetValue("key", out var keys)
            || keys.Count != 1 || string.IsNullOrWhiteSpace(keys[0]))
        {
            return false;
        }

        address = FromKey(apiBaseUrl, keys[0]!);
        return true;
    }

    /// <summary>Same scheme, host and port (the URI's "origin").</summary>
    internal static bool IsSameOrigin(Uri candidate, Uri apiBaseUrl) =>
        candidate.IsAbsoluteUri
        && string.Equals(candidate.Scheme, apiBaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(candidate.IdnHost, apiBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && candidate.Port == apiBaseUrl.Port;

    /// <summary>An API path under the base, keeping any path the base itself has (a fake mounted under a prefix).</summary>
    internal static Uri ApiUri(Uri apiBaseUrl, string path, string? query = null) =>
        new(apiBaseUrl.GetLeftPart(UriPartial.Authority) + BasePath(apiBaseUrl) + path + (query is null ? "" : "?" + query));

    private static string BasePath(Uri apiBaseUrl) => apiBaseUrl.AbsolutePath.TrimEnd('/');
}
