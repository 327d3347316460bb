using Bot.Rules.Acknowledgement;
using Bot.Rules.Policy;

namespace Bot.Tests.Acknowledgement;

public class ReplyMatcherTests
{
    [TestCase("我已知晓，马上照办")]
    [TestCase("我已知晓,马上照办!")]
    [TestCase("我已知晓马上照办")]
    [TestCase("我已知晓，马上照办！！！")]
    [TestCase("收到，我已知晓，马上照办（坚决执行）！")]
    [TestCase("收到!我已知晓，马上照办")]
    [TestCase("收到 我已知晓,马上照办(坚决执行)")]
    [TestCase("我已知晓 马上照办 坚决执行")]
    [TestCase("我已知晓，马上照办，坚决执行！")]
    [TestCase("我已知晓，马上照办「坚决执行」")]
    [TestCase("＠机器人 我已知晓，马上照办")]
    [TestCase("@规则助手\u2005我已知晓，马上照办")]
    [TestCase("我已知晓，马上照办 @王主任")]
    [TestCase("  我已知晓，　马上照办。 ")]
    [TestCase("收到请回复：我已知晓，马上照办（坚决执行）！")]
    public void Reply_as_people_really_type_it_matches(string reply) =>
        Assert.That(ReplyMatcher.Matches(reply, AckTestData.Phrase), Is.True);

    [TestCase("你们说的我已知晓马上照办是什么意思")]
    [TestCase("我已知晓")]
    [TestCase("马上照办")]
    [TestCase("收到")]
    [TestCase("坚决执行")]
    [TestCase("收到坚决执行")]
    [TestCase("@王主任")]
    [TestCase("")]
    public void Text_that_is_not_the_phrase_does_not_match(string text) =>
        Assert.That(ReplyMatcher.Matches(text, AckTestData.Phrase), Is.False);

    [TestCase("存在问题我已清楚，将立即整改！", true)]
    [TestCase("收到，存在问题我已清楚,将立即整改", true)]
    [TestCase("存在问题我已清楚 将立即整改!", true)]
    [TestCase("存在问题我已清楚", false)]
    [TestCase("整改情况：已重新安排午休值班", false)]
    public void Rectification_phrase_is_matched_the_same_way(string text, bool matches) =>
        Assert.That(ReplyMatcher.Matches(text, AckTestData.RectificationPhrase), Is.EqualTo(matches));

    [TestCase("OK", "ＯＫ！", true)]
    [TestCase("收到", "收到！", true)]
    [TestCase("收到，明天准时参加", "收到明天准时参加", true)]
    [TestCase("收到，明天准时参加", "明天准时参加", false)]
    public void Any_phrase_a_notice_asks_for_is_matched_width_folded(string phrase, string reply, bool matches) =>
        Assert.That(ReplyMatcher.Matches(reply, phrase), Is.EqualTo(matches));

    [TestCase("明天开会。收到请回复：我已知晓，马上照办（坚决执行）！", "我已知晓，马上照办")]
    [TestCase("明天开会。收到请回复:我已知晓,马上照办(坚决执行)!", "我已知晓,马上照办")]
    [TestCase("明天开会。收到请回复：“我已知晓，马上照办！”谢谢配合", "我已知晓，马上照办")]
    [TestCase("周五交教案。收到请回复：收到，周五前提交！\n教务处", "收到，周五前提交")]
    [TestCase("明天开会。收到请回复", "我已知晓，马上照办")]
    [TestCase("明天开会，收到请回复，谢谢", "我已知晓，马上照办")]
    [TestCase("明天开会。收到请回复：请各位老师于本周五下午五点前将本学期教学计划电子版发送至教务处邮箱并抄送年级组长以便汇总", "我已知晓，马上照办")]
    public void Notice_asks_for_the_phrase_it_quotes_after_the_marker_else_the_policy_phrase(string notice, string phrase) =>
        Assert.That(AckPhrase.Requested(notice, new GroupPolicy()), Is.EqualTo(phrase));
}
