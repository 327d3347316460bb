using System.Collections.Concurrent;

namespace Bot.Host.Dashboard;

/// <summary>Stylesheets and scripts embedded in this assembly: served by the app itself, nothing fetched from the internet.</summary>
public static class Assets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static IResult Css(string resource) => Results.Text(Read(resource), "text/css; charset=utf-8");

    public static IResult Script(string resource) => Results.Text(Read(resource), "text/javascript; charset=utf-8");

    private static string Read(string resource) => Cache.GetOrAdd(resource, name =>
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from Bot.Host");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
