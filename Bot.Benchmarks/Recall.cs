using Bot.Rules.Moderation;

namespace Bot.Benchmarks;

/// <summary>
/// How many of the words gen_corpus.py inserted (inserted.tsv: original, obfuscated, separator, from sub1k) the
/// matcher finds where they were inserted (a hit of that word overlapping the insertion: 「出出…售」 is reported from the
/// first 出, the repeat being part of the word). Expected: every insertion whose word is in the list being measured.
/// </summary>
internal static class Recall
{
    public static string Measure(string insertedPath, string corpusPath, string[] lines, string[] words, WordMatcher matcher)
    {
        var evasion = Path.GetFileName(corpusPath).Contains("evasion", StringComparison.Ordinal);
        var inList = words.ToHashSet(StringComparer.Ordinal);
        var rows = File.ReadAllLines(insertedPath).Select(l => l.Split('\t')).Where(r => r.Length >= 2).ToArray();
        var hits = new WordHit[256];
        int line = 0, offset = 0, expected = 0, found = 0, located = 0;
        var missedBySeparator = new Dictionary<string, int>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var row in rows)
        {
            var (word, inserted) = (row[0], evasion ? row[1] : row[0]);
            var (l, at) = Locate(lines, inserted, line, offset);
            if (l < 0)
                continue;
            (line, offset) = (l, at + inserted.Length);
            located++;
            if (!inList.Contains(word))
                continue;
            expected++;
            var n = matcher.Scan(lines[l], hits);
            var want = TextNormalizer.Normalize(word);
            if (hits.AsSpan(0, n).ToArray().Any(h => h.Start < at + inserted.Length && h.End > at
                    && TextNormalizer.Normalize(matcher.PatternOf(h)) == want))
            {
                found++;
            }
            else
            {
                var sep = row.Length > 2 ? row[2] : "?";
                missedBySeparator[sep] = missedBySeparator.GetValueOrDefault(sep) + 1;
                if (misses.Count < 10)
                    misses.Add(inserted);
            }
        }
        var byKind = string.Join(", ", missedBySeparator.Select(kv => $"{kv.Key}: {kv.Value}"));
        return $"recall: {found:N0} of {expected:N0} inserted words in the list found at their place ({100.0 * found / Math.Max(1, expected):F2}%); "
            + $"{located:N0} of {rows.Length:N0} insertions located"
            + (misses.Count > 0 ? $"; missed by separator: {byKind}; e.g. {string.Join(" ", misses)}" : "");
    }

    private static (int Line, int At) Locate(string[] lines, string inserted, int line, int offset)
    {
        for (var l = line; l < lines.Length; l++)
        {
            var at = lines[l].IndexOf(inserted, l == line ? offset : 0, StringComparison.Ordinal);
            if (at >= 0)
                return (l, at);
        }
        return (-1, -1);
    }
}
