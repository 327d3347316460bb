namespace Bot.Rules.Moderation;

/// <summary>The curated lists the bot ships with, for school and office work groups: <c>Lists/{category key}.txt</c>.</summary>
public static class DefaultWordLists
{
    public sealed record Lists(IReadOnlyList<WordEntry> Banned, IReadOnlyList<string> Allowed);

    private static readonly Lazy<Lists> Cached = new(LoadFromResources);

    public static Lists Load() => Cached.Value;

    /// <summary>The matcher for the default lists.</summary>
    public static WordMatcher BuildMatcher() => WordMatcher.Build(Load().Banned, Load().Allowed);

    private static Lists LoadFromResources()
    {
        var banned = BannedCategories.All.SelectMany(c => Checked(c.Key(), WordListParser.Parse(ReadResource(c.Key()), c))).ToArray();
        var allowed = Checked("allow", WordListParser.Parse(ReadResource("allow"), default, allowList: true)).Select(e => e.Pattern).ToArray();
        return new Lists(banned, allowed);
    }

    // A shipped list with a bad line is a defect of this build, not something to skip quietly.
    private static IReadOnlyList<WordEntry> Checked(string name, ParsedList list) =>
        list.Refused.Count == 0 ? list.Entries
            : throw new InvalidOperationException($"the shipped list {name}.txt has bad lines: "
                + string.Join("; ", list.Refused.Select(r => $"line {r.Line} '{r.Text}' {r.Problem.English}")));

    private static string ReadResource(string name)
    {
        var assembly = typeof(DefaultWordLists).Assembly;
        var resource = $"{assembly.GetName().Name}.Moderation.Lists.{name}.txt";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded word list '{resource}' is missing from {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
