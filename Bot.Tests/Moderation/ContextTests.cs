using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Tests.Moderation.Rules;

namespace Bot.Tests.Moderation;

/// <summary>A forbidden word named inside a prohibition is not a violation; the same word said is.</summary>
public class ContextTests
{
    private static readonly ContentScanner Scanner = new(DefaultWordLists.BuildMatcher());

    [TestCase("本群严禁发布赌博信息，违者移出群聊。", "严禁")]
    [TestCase("请同学们远离黄赌毒，远离赌博。", "远离")]
    [TestCase("谨防“刷单返利”骗局。", "谨防")]
    [TestCase("网络赌博是违法行为。", "违法")]
    [TestCase("如发现有人在群里发布色情信息，请向群主举报。", "如发现")]
    [TestCase("学校严禁学生参与赌博活动，包括网络赌球、打牌赌钱。", "严禁")]
    [TestCase("孩子回来说有同学骂他“废物”，麻烦老师了解一下情况。", "quoted")]
    public void A_word_named_in_a_prohibition_passes_and_says_why(string text, string marker)
    {
        var judgement = ContentJudgement.Of(Scanner, text);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Hits, Is.Empty);
            Assert.That(judgement.Excused.Select(e => e.Marker), Has.All.EqualTo(marker).And.Not.Empty);
        });
    }

    [TestCase("周末一起去赌博吗？", "gambling")]
    [TestCase("要不要一起去赌博", "gambling")]
    [TestCase("不要错过，百家乐真人在线", "gambling")]
    [TestCase("严禁外传。周末一起去赌博", "gambling")]
    [TestCase("这不是诈骗，正规百家乐平台", "gambling")]
    public void The_same_word_said_is_a_violation(string text, string category) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits.Select(h => h.CategoryKey), Does.Contain(category));

    [Test]
    public void The_rules_verdict_names_the_prohibition_that_excused_a_word()
    {
        const string text = "(4)不得发布涉及赌博、色情、暴力等不良信息";
        var now = Given.At("10:00");

        var result = new BannedContentRule(() => Scanner).Evaluate(Given.Post("zhangsan", text, now), Given.State(), now);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(result.Verdict.Detail, Does.Contain("2 named in a prohibition, not counted").And.Contain("with 「不得」"));
            Assert.That(result.Verdict.Detail, Does.Not.Contain("赌博").And.Not.Contain("色情"));
            Assert.That(result.Effects, Is.Empty);
        });
    }
}
