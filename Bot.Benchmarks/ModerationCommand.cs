namespace Bot.Benchmarks;

/// <summary>
/// moderation &lt;bench-corpora-dir&gt; [--words list] [--passes N]: everything docs/benchmarks.md reports about banned
/// content from one run: precision and recall per category on the labelled corpus (shipped lists), then the scan speed
/// and the evasion recall on the shared corpora (gen_corpus.py) with the 64,420-word list.
/// </summary>
internal static class ModerationCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("moderation <bench-corpora-dir> [--words ../shared/data/sensitive_word_dict.txt] [--passes 7] [--corpus Bot.Tests/Moderation/Corpus]");
            return 2;
        }
        var words = Option(args, "--words") ?? "../shared/data/sensitive_word_dict.txt";
        var passes = Option(args, "--passes") ?? "7";
        var corpus = Option(args, "--corpus") ?? CorpusCommand.DefaultDirectory;

        Console.WriteLine("## Precision and recall (labelled corpus, shipped lists)\n");
        CorpusCommand.Run([corpus]);
        foreach (var name in new[] { "corpus_clean.txt", "corpus_evasion.txt" })
        {
            Console.WriteLine($"\n## Scan: {name}\n");
            ScanCommand.Run([words, Path.Combine(args[0], name), "--passes", passes]);
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
