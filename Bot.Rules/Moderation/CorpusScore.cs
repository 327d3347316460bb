using System.Globalization;
using System.Text;

namespace Bot.Rules.Moderation;

/// <summary>
/// The two labelled sets of <c>Bot.Tests/Moderation/Corpus</c>: the main one, and the held-out one, written before the
/// rules it measures were changed and never used to write them (its README says how).
/// </summary>
public enum CorpusSet
{
    Main,
    HeldOut,
}

/// <summary>One line of a labelled corpus: <c>benign|violating TAB category TAB message</c>.</summary>
public sealed record LabelledMessage(bool Violating, string Category, string Text, string Source, int Line);

/// <summary>How one category of a labelled corpus fared: messages flagged (benign) or found in their own category (violating).</summary>
public sealed record CategoryScore(bool Violating, string Category, int Messages, int Counted, IReadOnlyList<LabelledMessage> Wrong)
{
    /// <summary>Benign: the share flagged (false positives). Violating: the share found (recall).</summary>
    public double Rate => Messages == 0 ? 0 : (double)Counted / Messages;
}

/// <summary>
/// Precision and recall of banned-content on a labelled corpus, per category, judged exactly as the rule judges a post
/// (<see cref="ContentJudgement"/>). A violating message counts as found only when a hit of its own category counts:
/// a spam post caught as something else would be reported to the group under the wrong name.
/// </summary>
public sealed record CorpusScore(IReadOnlyList<CategoryScore> Categories)
{
    public CategoryScore Benign => Total(violating: false);

    public CategoryScore Violating => Total(violating: true);

    /// <summary>The messages of one set, read from its two files in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<LabelledMessage> Load(string directory, CorpusSet set)
    {
        var prefix = set == CorpusSet.HeldOut ? "heldout-" : "";
        return [.. Parse(File.ReadAllText(Path.Combine(directory, prefix + "benign.tsv")), prefix + "benign.tsv"),
            .. Parse(File.ReadAllText(Path.Combine(directory, prefix + "violating.tsv")), prefix + "violating.tsv")];
    }

    public static IReadOnlyList<LabelledMessage> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var messages = new List<LabelledMessage>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split('\t', 3);
            if (fields.Length != 3 || fields[0] is not ("benign" or "violating") || fields[2].Length == 0)
                throw new FormatException($"{source} line {i + 1}: expected 'benign|violating<TAB>category<TAB>message'");
            messages.Add(new LabelledMessage(fields[0] == "violating", fields[1], fields[2], source, i + 1));
        }
        return messages;
    }

    public static CorpusScore Measure(IEnumerable<LabelledMessage> messages, IContentScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var categories = messages.GroupBy(m => (m.Violating, m.Category))
            .OrderBy(g => g.Key.Violating).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                var wrong = g.Where(m => Counts(ContentJudgement.Of(scanner, m.Text), m) != m.Violating).ToList();
                return new CategoryScore(g.Key.Violating, g.Key.Category, g.Count(),
                    g.Key.Violating ? g.Count() - wrong.Count : wrong.Count, wrong);
            });
        return new CorpusScore(categories.ToList());
    }

    /// <summary>Benign: flagged at all. Violating: found in its own category.</summary>
    private static bool Counts(ContentJudgement judgement, LabelledMessage message) =>
        message.Violating ? judgement.Hits.Any(h => h.CategoryKey == message.Category) : judgement.Hits.Count > 0;

    private CategoryScore Total(bool violating)
    {
        var rows = Categories.Where(c => c.Violating == violating).ToList();
        return new CategoryScore(violating, "all", rows.Sum(r => r.Messages), rows.Sum(r => r.Counted), rows.SelectMany(r => r.Wrong).ToList());
    }

    /// <summary>The table of docs/benchmarks.md: one row per category, then the two totals.</summary>
    public string ToMarkdown()
    {
        var table = new StringBuilder("| label | category | messages | flagged (benign) / found (violating) | rate |\n|---|---|---|---|---|\n");
        foreach (var row in Categories.Append(Benign).Append(Violating))
        {
            var label = row.Violating ? "violating" : "benign";
            var category = row.Category == "all" ? "**all**" : row.Category;
            table.Append(CultureInfo.InvariantCulture, $"| {label} | {category} | {row.Messages:N0} | {row.Counted:N0} | {row.Rate:P2} |\n");
        }
        return table.ToString();
    }
}
