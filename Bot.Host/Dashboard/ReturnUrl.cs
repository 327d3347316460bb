namespace Bot.Host.Dashboard;

/// <summary>Where a login goes back to: a page of this dashboard, or <c>/admin</c>.</summary>
public static class ReturnUrl
{
    public const string Home = "/admin";

    /// <summary>
    /// <paramref name="url"/> when it is a path of the dashboard — <c>/admin</c>, or <c>/admin</c> then <c>/ ? #</c> — in
    /// printable ASCII (what a browser sends: anything else arrives percent-encoded), without <c>//</c>, backslashes or dot
    /// segments; otherwise <see cref="Home"/>. So the login is no open redirect, and no header it writes can be malformed.
    /// </summary>
    public static string Local(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || !url.StartsWith(Home, StringComparison.Ordinal)) return Home;
        if (url.Length > Home.Length && url[Home.Length] is not ('/' or '?' or '#')) return Home;
        if (url.Any(c => c is < '!' or > '~' or '\\')) return Home;
        var path = url.Split('?', '#')[0];
        if (path.Contains("//", StringComparison.Ordinal) || path.Split('/').Any(IsDotSegment)) return Home;
        return url;
    }

    // Browsers resolve "%2e" as "." in a path segment too.
    private static bool IsDotSegment(string segment) =>
        segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase) is "." or "..";
}
