using Bot.Rules.Moderation;

namespace Bot.Benchmarks;

/// <summary>
/// Precision and recall of banned-content with the shipped lists on the labelled corpus (Bot.Tests/Moderation/Corpus):
/// the table of docs/benchmarks.md, and every message judged wrongly, so that a change can be read line by line.
/// </summary>
internal static class CorpusCommand
{
    public const string DefaultDirectory = "Bot.Tests/Moderation/Corpus";

    public static CorpusScore Score(string directory)
    {
        var messages = Directory.GetFiles(directory, "*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(f => CorpusScore.Parse(File.ReadAllText(f), Path.GetFileName(f)));
        return CorpusScore.Measure(messages, new ContentScanner(DefaultWordLists.BuildMatcher()));
    }

    public static int Run(string[] args)
    {
        var score = Score(args.Length > 0 ? args[0] : DefaultDirectory);
        Console.WriteLine(score.ToMarkdown());
        foreach (var message in score.Categories.SelectMany(c => c.Wrong))
            Console.WriteLine($"{(message.Violating ? "missed " : "flagged")} {message.Source}:{message.Line} {message.Category}: {message.Text}");
        return 0;
    }
}
