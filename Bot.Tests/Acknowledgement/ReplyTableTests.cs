using Bot.Rules.Acknowledgement;

namespace Bot.Tests.Acknowledgement;

/// <summary>
/// The labelled replies of <c>Data/replies.tsv</c>: how teachers really answer a notice on their phones, each with what
/// a person reading the group would make of it. A reply that counts must count (else an innocent member is named);
/// one that does not must not (else a question or a refusal is taken for compliance).
/// </summary>
public class ReplyTableTests
{
    // 周敏 (shown in the group as 周老师) replies to 王主任's notice.
    private static readonly string[] Names = ["周老师", "周敏", "王主任"];

    public static IEnumerable<TestCaseData> Replies() =>
        File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Acknowledgement", "Data", "replies.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(cols => new TestCaseData(Enum.Parse<ReplyKind>(cols[0], ignoreCase: true), Unescape(cols[1]))
                .SetName($"{cols[0]}: 「{cols[1]}」 ({cols[2]})"));

    [TestCaseSource(nameof(Replies))]
    public void A_reply_reads_as_a_person_reads_it(ReplyKind expected, string reply)
    {
        var reading = ReplyMatcher.Read(reply, AckTestData.Phrase, Names);
        Assert.That(reading.Kind, Is.EqualTo(expected), reading.Detail.ToString());
    }

    [Test]
    public void The_table_holds_at_least_200_labelled_replies_of_every_kind()
    {
        var kinds = Replies().Select(c => (ReplyKind)c.Arguments[0]!).ToList();
        Assert.That(kinds, Has.Count.GreaterThanOrEqualTo(200));
        Assert.That(kinds.Distinct(), Is.EquivalentTo(Enum.GetValues<ReplyKind>()));
    }

    private static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\u2005", "\u2005", StringComparison.Ordinal);
}
