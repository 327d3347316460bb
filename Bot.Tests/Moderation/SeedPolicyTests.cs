using System.Text.RegularExpressions;
using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>
/// The source policy documents (../shared/seed), sentence by sentence, pass banned-content with the shipped lists: a
/// school's rules name what they forbid, and the principal who posts them must not get a strike (18 of 424 did).
/// </summary>
public partial class SeedPolicyTests
{
    private static readonly ContentScanner Scanner = new(DefaultWordLists.BuildMatcher());

    public static IEnumerable<string> Sentences()
    {
        var seed = Path.Combine(RepositoryRoot(), "..", "shared", "seed", "000_59429dd3ac11b145.txt");
        if (!File.Exists(seed)) throw new FileNotFoundException($"the seed documents are expected at {seed}");
        return File.ReadAllLines(seed).SelectMany(line => SentenceEnd().Split(line)).Select(s => s.Trim()).Where(s => s.Length >= 2);
    }

    [Test]
    public void Every_sentence_of_the_policy_documents_passes()
    {
        var sentences = Sentences().ToList();
        var flagged = sentences.Select(s => (Sentence: s, Judgement: ContentJudgement.Of(Scanner, s))).Where(j => j.Judgement.Hits.Count > 0)
            .Select(j => $"{j.Sentence} → {string.Join(", ", j.Judgement.Hits.Select(h => $"{h.CategoryKey} 「{j.Sentence.Substring(h.Start, h.Length)}」"))}").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(sentences, Has.Count.GreaterThan(400));
            Assert.That(flagged, Is.Empty);
        });
    }

    [TestCase("(4)不得发布涉及赌博、色情、暴力等不良信息。", "不得")]
    [TestCase("倡导文明上网，抵制网络低俗、暴力、色情等不良信息。", "抵制")]
    [TestCase("员工不得私自添加客户或合作伙伴为微信好友", null)]
    public void The_issues_sentences_pass_and_the_verdict_says_why(string sentence, string? marker)
    {
        var judgement = ContentJudgement.Of(Scanner, sentence);

        Assert.That(judgement.Hits, Is.Empty);
        if (marker is not null) Assert.That(judgement.Excused.Select(e => e.Marker), Has.All.EqualTo(marker).And.Not.Empty);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("Bot.sln not found above the test directory");
    }

    [GeneratedRegex("(?<=[。！？；!?;])")]
    private static partial Regex SentenceEnd();
}
