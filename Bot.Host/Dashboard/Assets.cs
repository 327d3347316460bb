using System.Collections.Concurrent;

namespace Bot.Host.Dashboard;

/// <summary>Stylesheets and scripts embedded in this assembly: served by the app itself, nothing fetched from the internet.</summary>
public static class Assets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<byte[]> FaviconBytes = new(() =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("Bot.Host.Dashboard.favicon.ico")
            ?? throw new InvalidOperationException("embedded resource Bot.Host.Dashboard.favicon.ico is missing from Bot.Host");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Css(string resource) => Results.Text(Read(resource), "text/css; charset=utf-8");

    /// <summary>The tab's icon: a tick on the dashboard's blue (browsers ask for it on every site).</summary>
    public static IResult Favicon() => Results.File(FaviconBytes.Value, "image/x-icon");

    public static IResult Script(string resource) => Results.Text(Read(resource), "text/javascript; charset=utf-8");

    private static string Read(string resource) => Cache.GetOrAdd(resource, name =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from Bot.Host");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
