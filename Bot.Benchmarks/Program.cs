using BenchmarkDotNet.Running;
using Bot.Benchmarks;

// scan: the corpus benchmark of docs/benchmarks.md; bdn: BenchmarkDotNet micro-benchmarks (ShortRun).
return args switch
{
    ["scan", .. var rest] => ScanCommand.Run(rest),
    ["bdn", .. var rest] => RunBenchmarkDotNet(rest),
    ["corpus", .. var rest] => CorpusCommand.Run(rest),
    ["moderation", .. var rest] => ModerationCommand.Run(rest),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(MatcherBenchmarks).Assembly).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          scan <wordlist> <corpus> [--passes N] [--regex] [--inserted inserted.tsv]
          corpus [Bot.Tests/Moderation/Corpus]       precision and recall on the labelled corpus
          moderation <bench-corpora-dir> [--words list] [--passes N]   both, in one run (docs/benchmarks.md)
          bdn [BenchmarkDotNet arguments, e.g. --filter *]
        """);
    return 2;
}
