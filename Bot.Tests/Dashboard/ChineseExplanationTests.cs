using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Tests.Acknowledgement;
using Bot.Tests.Moderation.Rules;
using static Bot.Tests.Acknowledgement.AckTestData;

namespace Bot.Tests.Dashboard;

/// <summary>
/// Every verdict a page shows reads in Chinese: each rule's explanation is in the catalogue, whatever branch wrote it.
/// The messages below walk the rules' branches (a rule's new wording without Chinese fails here, not on a page).
/// </summary>
public sealed class ChineseExplanationTests
{
    private static readonly Today Today = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Morning);

    private static readonly GroupPolicy Quiet = new() { QuietHours = [new(new TimeOnly(12, 0), new TimeOnly(14, 0))] };

    /// <summary>(what, the group's state, the message): each a branch of some rule.</summary>
    public static IEnumerable<TestCaseData> Messages()
    {
        var open = Notice();
        var reminded = Notice().Reminded(At(25, 10), At(26, 18));
        var rectification = Rectification();
        var noon = At(25, 12, 30);
        (string, GroupState, InboundMessage)[] cases =
        [
            ("plain chatter", State(), Text("zhangsan", "今天天气不错")),
            ("a notice", State(), Text("wang", NoticeText)),
            ("a notice to two members", State(), Text("wang", "@张三 @李四 @某某 明天交材料。收到请回复：我已知晓，马上照办！")),
            ("a no-reply notice", State(), Text("wang", "明天放假。此条信息不必回复！")),
            ("a notice from someone who may not", State(new GroupPolicy { Issuers = IssuerScope.Owner }), Text("zhangsan", NoticeText)),
            ("a notice from a non-issuer, listed", State(new GroupPolicy { Issuers = IssuerScope.Listed }), Text("zhangsan", NoticeText)),
            ("a notice inside quiet hours", State(Quiet), Text("wang", NoticeText, noon)),
            ("the phrase", State(notices: [open]), Text("zhangsan", "我已知晓，马上照办")),
            ("the phrase, quoted late", State(notices: [open]), Text("zhangsan", "好的，我已知晓，马上照办！", At(25, 11))),
            ("收到", State(notices: [open]), Text("zhangsan", "收到")),
            ("收到, hints off", State(new GroupPolicy { PhraseHints = false }, notices: [open]), Text("zhangsan", "收到")),
            ("收到, already hinted", State(notices: [open.Hinted("zhangsan", Morning)]), Text("zhangsan", "收到")),
            ("a question", State(notices: [open]), Text("zhangsan", "我已知晓，马上照办？")),
            ("other words", State(notices: [open]), Text("zhangsan", "明天我请假")),
            ("an emoji", State(notices: [open]), Text("zhangsan", "[OK]")),
            ("an explanation too early", State(notices: [open]), Text("zhangsan", "情况说明：我在外校培训")),
            ("an explanation", State(notices: [reminded]), Text("zhangsan", "情况说明：我在外校培训")),
            ("someone not asked", State(notices: [open]), Text("chen", "我已知晓，马上照办")),
            ("帮助", State(), Text("zhangsan", "帮助")),
            ("统计 by the issuer", State(notices: [open]), Text("wang", "统计")),
            ("未回复 by the owner", State(notices: [open]), Text("chen", "未回复")),
            ("统计 with no notice", State(), Text("wang", "统计")),
            ("统计 #99", State(notices: [open]), Text("wang", "统计 #99")),
            ("撤销 by the issuer", State(notices: [open]), Text("wang", "撤销")),
            ("撤销 with nothing live", State(), Text("chen", "撤销")),
            ("统计 by a member", State(notices: [open]), Text("zhangsan", "统计")),
            ("an inspection", State(), Text("wang", InspectionText)),
            ("an inspection naming nobody", State(), Text("wang", "【检查通报】今日午休巡查，请各班注意纪律，立即整改。")),
            ("an inspection from someone who may not", State(new GroupPolicy { Issuers = IssuerScope.Owner }), Text("zhangsan", InspectionText)),
            ("the rectification phrase", State(rectifications: [rectification]), Text("zhangsan", RectificationPhrase)),
            ("not the rectification phrase", State(rectifications: [rectification]), Text("zhangsan", "好的")),
            ("evidence", State(rectifications: [rectification.Answered(Morning)]), Media("zhangsan", MessageKind.Image)),
            ("evidence in words", State(rectifications: [rectification.Answered(Morning)]), Text("zhangsan", "整改完毕，已重新排座位")),
            ("no evidence", State(rectifications: [rectification.Answered(Morning)]), Text("zhangsan", "好的")),
            ("a post in quiet hours", State(Quiet), Text("zhangsan", "中午好", noon)),
            ("an urgent post in quiet hours", State(Quiet), Text("zhangsan", "紧急：三楼漏水", noon)),
            ("an exempt poster in quiet hours", State(Quiet with { QuietHoursExempt = ["zhangsan"] }), Text("zhangsan", "中午好", noon)),
            ("a reply in quiet hours", State(Quiet, notices: [Notice(postedAt: At(25, 11))]), Text("zhangsan", "我已知晓，马上照办", noon)),
            ("a command in quiet hours", State(Quiet, notices: [open]), Text("wang", "统计", noon)),
            ("a long post", State(), Text("zhangsan", new string('字', 260))),
            ("a long post with a link", State(), Text("zhangsan", new string('字', 260) + " https://example.edu/a")),
            ("a newcomer", State(), Text("newbie", "大家好")),
            ("a newcomer without an owner", State(owner: null), Text("newbie", "大家好")),
            ("a nickname that is not the name", State(), Nicknamed("zhangsan", "小张")),
            ("a nickname against the pattern", State(new GroupPolicy { NamePattern = "^.+(爸爸|妈妈)$" }), Nicknamed("zhangsan", "张三")),
            ("a bad name pattern", State(new GroupPolicy { NamePattern = "(爸爸" }), Nicknamed("zhangsan", "张三")),
            ("a mention", State(), Text("zhangsan", "@李四 明天见")),
        ];
        return cases.Select(c => new TestCaseData(c.Item2, c.Item3).SetName($"In Chinese: {c.Item1}"));
    }

    [TestCaseSource(nameof(Messages))]
    public void Every_verdict_of_the_message_has_its_chinese(GroupState state, InboundMessage message)
    {
        var decision = RuleEngine.Pipeline(new FakeScanner()).Evaluate(message, state, message.ReceivedAt);
        Assert.Multiple(() =>
        {
            foreach (var verdict in decision.Verdicts)
                Assert.That(Explanations.IsKnown(verdict.Why), Is.True, $"{verdict.Rule}: {verdict.Why.Template} — {verdict.Detail}");
        });
    }

    [Test]
    public void Flooding_and_talking_back_and_forth_have_their_chinese()
    {
        var at = Morning;
        var flood = Enumerable.Range(0, 2).Select(i => Given.Recent("zhangsan", "收作业啦", at.AddSeconds(-10 + i))).ToList();
        var chat = Enumerable.Range(0, 5).Select(i => Given.Recent(i % 2 == 0 ? "zhangsan" : "lisi", "好", at.AddSeconds(-60 + i), i % 2 == 0 ? "李四" : "张三")).ToList();
        foreach (var (recent, message) in new[] { (flood, Text("zhangsan", "收作业啦")), (chat, Text("zhangsan", "@李四 好的")), (flood, Text("zhangsan", "下课")) })
        {
            var decision = RuleEngine.Pipeline(new FakeScanner()).Evaluate(message, State() with { RecentPosts = recent }, at);
            foreach (var verdict in decision.Verdicts)
                Assert.That(Explanations.IsKnown(verdict.Why), Is.True, $"{verdict.Rule}: {verdict.Why.Template}");
        }
    }

    [Test]
    public void Every_labelled_reply_reads_in_chinese()
    {
        foreach (var data in ReplyTableTests.Replies())
        {
            var reading = ReplyMatcher.Read((string)data.Arguments[1]!, Phrase, ["周老师", "王主任"]);
            Assert.That(Explanations.IsKnown(reading.Detail), Is.True, $"「{data.Arguments[1]}」: {reading.Detail.Template}");
        }
    }

    [Test]
    public void A_verdict_reads_with_names_durations_and_the_groups_words()
    {
        var state = State(notices: [Notice()]);
        var decision = RuleEngine.Pipeline(new FakeScanner()).Evaluate(Text("zhangsan", "收到"), state, Morning);
        var reply = decision.Verdicts.Single(v => v.Rule == "acknowledgement");
        Assert.That(Explanations.Chinese(reply.Why, Today),
            Is.EqualTo("张三的「收到」不是「我已知晓，马上照办」（是「收到」一类的确认，不是要求的回复用语），不算#1的回复；已私信告知应回复的话"));

        var flood = State() with { RecentPosts = [Given.Recent("zhangsan", "收作业啦", Morning.AddSeconds(-5)), Given.Recent("zhangsan", "收作业啦", Morning.AddSeconds(-3))] };
        var hit = RuleEngine.Pipeline(new FakeScanner()).Evaluate(Text("zhangsan", "收作业啦"), flood, Morning).Verdicts.Single(v => v.Rule == "flood");
        Assert.That(Explanations.Chinese(hit.Why, Today), Is.EqualTo("1分钟内同一内容发了3次"));
        Assert.That(hit.Detail, Is.EqualTo("same text 3× within 1m"), "the admin API keeps the English");
    }

    [Test]
    public void A_stored_explanation_reads_as_a_fresh_one()
    {
        var verdict = RuleEngine.Pipeline(new FakeScanner()).Evaluate(Text("zhangsan", "@李四 明天见"), State(), Morning).Verdicts.Single(v => v.Rule == "private-chat");
        var stored = System.Text.Json.JsonSerializer.Serialize(verdict.Why);
        var read = System.Text.Json.JsonSerializer.Deserialize<Explanation>(stored)!;
        Assert.That(read.ToString(), Is.EqualTo(verdict.Detail));
        Assert.That(Explanations.Chinese(read, Today), Is.EqualTo(Explanations.Chinese(verdict.Why, Today)).And.Contain("张三与李四"));
    }

    private static InboundMessage Nicknamed(string sender, string shown) => Text(sender, "大家好") with { SenderName = shown };
}
