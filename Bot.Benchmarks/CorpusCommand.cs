using Bot.Rules.Moderation;

namespace Bot.Benchmarks;

/// <summary>
/// Precision and recall of banned-content with the shipped lists on the labelled corpora (Bot.Tests/Moderation/Corpus),
/// the main set and the held-out set: the tables of docs/benchmarks.md, and every message judged wrongly with what hit
/// it, so that a change can be read line by line.
/// </summary>
internal static class CorpusCommand
{
    public const string DefaultDirectory = "Bot.Tests/Moderation/Corpus";

    public static int Run(string[] args)
    {
        var directory = args.Length > 0 ? args[0] : DefaultDirectory;
        var scanner = new ContentScanner(DefaultWordLists.BuildMatcher());
        foreach (var set in Enum.GetValues<CorpusSet>())
        {
            var score = CorpusScore.Measure(CorpusScore.Load(directory, set), scanner);
            Console.WriteLine($"### {(set == CorpusSet.Main ? "Main corpus" : "Held-out corpus")}\n");
            Console.WriteLine(score.ToMarkdown());
            foreach (var message in score.Categories.SelectMany(c => c.Wrong))
                Console.WriteLine($"{(message.Violating ? "missed " : "flagged")} {message.Source}:{message.Line} {message.Category}: {message.Text}{Hits(scanner, message)}");
            Console.WriteLine();
        }
        return 0;
    }

    /// <summary>
    /// What counted in a message judged wrongly, and what was excused, so that a miss excused by a prohibition or as a
    /// contact shows why: <c> ← leak 「1386…」 mobile; excused: leak 「1386…」 with 「联系人」</c>.
    /// </summary>
    private static string Hits(ContentScanner scanner, LabelledMessage message)
    {
        var judgement = ContentJudgement.Of(scanner, message.Text);
        var counted = judgement.Hits.Select(h => $"{h.CategoryKey} 「{message.Text.Substring(h.Start, h.Length)}」 {h.Evidence}");
        var excused = judgement.Excused.Select(e => $"excused: {e.Hit.CategoryKey} 「{message.Text.Substring(e.Hit.Start, e.Hit.Length)}」 with 「{e.Marker}」");
        var all = counted.Concat(excused).ToList();
        return all.Count == 0 ? "" : "  ← " + string.Join("; ", all);
    }
}
