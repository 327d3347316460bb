using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Rules.Moderation;

namespace Bot.Benchmarks;

/// <summary>
/// scan &lt;wordlist&gt; &lt;corpus&gt;: builds a matcher from every line of the word list (all Plain), then scans the corpus one
/// line (one message) at a time, as the bot does, reusing one hit buffer, and reports the median speed of N passes.
/// </summary>
internal static class ScanCommand
{
    public static int Run(string[] args)
    {
        var options = ScanOptions.Parse(args);
        var (words, refused) = ReadWords(options.WordList);
        var lines = File.ReadAllText(options.Corpus).Split('\n');
        long chars = lines.Sum(l => (long)l.Length);
        Print($"machine: {Environment.ProcessorCount} cores, {RuntimeDescription()}");
        Print($"word list: {options.WordList} ({words.Length:N0} words, {refused.Count:N0} lines refused"
            + (refused.Count > 0 ? $", e.g. {string.Join("; ", refused.Take(3).Select(r => $"line {r.Line} {r.Problem.English}"))}" : "")
            + $"); corpus: {options.Corpus} ({lines.Length:N0} messages, {chars:N0} chars)");

        var (scanner, describe) = options.Regex ? BuildRegex(words) : BuildMatcher(words);
        Print(describe);

        scanner(lines); // warm-up, and lets tiered compilation reach the optimised loop
        var rates = new List<double>();
        long matches = 0;
        for (var pass = 0; pass < options.Passes; pass++)
        {
            var sw = Stopwatch.StartNew();
            matches = scanner(lines);
            sw.Stop();
            rates.Add(chars / sw.Elapsed.TotalSeconds);
        }
        rates.Sort();
        Print($"passes: {options.Passes}; median {rates[rates.Count / 2] / 1e6:F1} M chars/s (min {rates[0] / 1e6:F1}, max {rates[^1] / 1e6:F1}); matches: {matches:N0}");

        if (!options.Regex && File.Exists(options.Inserted))
            Print(Recall.Measure(options.Inserted, options.Corpus, lines, words, WordMatcher.Build(Plain(words), [])));
        return 0;
    }

    private static (Func<string[], long> Scan, string Describe) BuildMatcher(string[] words)
    {
        // The entries are measured with the matcher, which keeps them; the word strings are the input and are not.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var matcher = WordMatcher.Build(Plain(words), []);
        sw.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        var hits = new WordHit[256];
        long Scan(string[] lines)
        {
            long n = 0;
            foreach (var line in lines)
                n += matcher.Scan(line, hits);
            return n;
        }
        return (Scan, $"matcher: built in {sw.Elapsed.TotalMilliseconds:F0} ms (first build in this process, folding table included); "
            + $"retained {retained / 1048576.0:F1} MB, allocated while building (peak bound) {allocated / 1048576.0:F1} MB; {matcher.NodeCount:N0} nodes");
    }

    private static (Func<string[], long> Scan, string Describe) BuildRegex(string[] words)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var pattern = string.Join('|', words.OrderByDescending(w => w.Length).Select(Regex.Escape));
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        regex.Count("warm"); // compiles on first use
        sw.Stop();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        long Scan(string[] lines)
        {
            long n = 0;
            foreach (var line in lines)
                n += regex.Count(line);
            return n;
        }
        return (Scan, $"compiled Regex alternation: built in {sw.Elapsed.TotalMilliseconds:F0} ms; retained {retained / 1048576.0:F1} MB");
    }

    /// <summary>
    /// The list's lines as plain words, each checked as every list is (<see cref="WordEntryRules"/>): the load-test list's
    /// junk lines (「q\x7f」, 「b\x7f」) are refused with their line, not folded into single letters.
    /// </summary>
    internal static (string[] Words, List<RefusedLine> Refused) ReadWords(string path)
    {
        var words = new List<string>();
        var refused = new List<RefusedLine>();
        var lines = File.ReadAllText(path).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var word = lines[i].Trim(' ', '\t', '\r');
            if (word.Length == 0) continue;
            if (WordEntryRules.Check(word, WordKind.Plain) is { } problem) refused.Add(new RefusedLine(i + 1, word, problem));
            else words.Add(word);
        }
        return ([.. words], refused);
    }

    internal static IEnumerable<WordEntry> Plain(IEnumerable<string> words) =>
        words.Select(w => new WordEntry(w, BannedCategory.Gambling));

    private static string RuntimeDescription() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    private static void Print(string line) => Console.WriteLine(line);
}

internal sealed record ScanOptions(string WordList, string Corpus, int Passes, bool Regex, string Inserted)
{
    public static ScanOptions Parse(string[] args)
    {
        var positional = new List<string>();
        var passes = 7;
        var regex = false;
        string? inserted = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--passes": passes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--regex": regex = true; break;
                case "--inserted": inserted = args[++i]; break;
                default: positional.Add(args[i]); break;
            }
        }
        if (positional.Count != 2)
            throw new ArgumentException("scan takes a word list and a corpus: scan <wordlist> <corpus> [--passes N] [--regex]");
        inserted ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(positional[1]))!, "inserted.tsv");
        return new ScanOptions(positional[0], positional[1], passes, regex, inserted);
    }
}
