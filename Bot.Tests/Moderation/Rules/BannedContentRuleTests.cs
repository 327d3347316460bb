using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;

namespace Bot.Tests.Moderation.Rules;

public class BannedContentRuleTests
{
    private static readonly FakeScanner Scanner = new(
        ("百家乐", "gambling", "赌博"),
        ("代开发票", "advertising", "广告推销"),
        ("13812345678", "leak", "泄密"));

    private static readonly DateTimeOffset Noon = Given.At("10:00");

    private static RuleResult Judge(string text, int strikes = 0, GroupPolicy? policy = null, string sender = "zhangsan") =>
        new BannedContentRule(() => Scanner).Evaluate(Given.Post(sender, text, Noon), Given.State(policy, strikes: strikes), Noon);

    [Test]
    public void BannedContent_passes_a_clean_post_and_counts_what_it_read()
    {
        const string text = "各位老师，明天上午九点在三楼会议室召开期中考试质量分析会，请准时参加。";
        var result = Judge(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo($"banned-content: pass, 0 hits in {text.Length} chars"));
            Assert.That(result.Effects, Is.Empty);
        });
    }

    [Test]
    public void BannedContent_warns_the_poster_in_the_group_naming_the_category_never_the_word()
    {
        var result = Judge("周末一起玩百家乐吗");

        var warning = result.Effects.OfType<PostToGroup>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(warning.ChatId, Is.EqualTo(Given.ChatId));
            Assert.That(warning.Mentions, Is.EqualTo(new[] { "zhangsan" }));
            Assert.That(warning.Text, Does.Contain("赌博").And.Contain("撤回").And.Contain("2分钟内"));
            Assert.That(warning.Text, Does.Not.Contain("百家乐"));
            Assert.That(result.Effects.OfType<SendPrivate>(), Is.Empty, "no escalation at the first strike");
        });
    }

    [Test]
    public void BannedContent_records_a_strike_with_category_positions_and_the_masked_word()
    {
        var result = Judge("周末一起玩百家乐吗");

        var violation = result.Effects.OfType<RecordViolation>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(violation, Is.EqualTo(new RecordViolation("banned-content", "gambling", "gambling 赌博: at 5+3 「百**」 (list entry 0)", Strike: true)));
            Assert.That(result.Verdict.ToString(), Is.EqualTo(
                "banned-content: hit, 1 hit in 9 chars; gambling 赌博: at 5+3 「百**」 (list entry 0); strike 1/3 within 30d"));
        });
    }

    [TestCase("玩百家乐", "百家乐")]
    [TestCase("可以代开发票，联系13812345678", "代开发票")]
    [TestCase("可以代开发票，联系13812345678", "13812345678")]
    [TestCase("百家乐百家乐", "百家乐")]
    public void BannedContent_evidence_never_contains_the_word(string text, string word)
    {
        var result = Judge(text, strikes: 2);
        var said = result.Effects.Select(effect => effect switch
        {
            PostToGroup post => post.Text + post.Reason,
            SendPrivate message => message.Text + message.Reason,
            RecordViolation violation => violation.Evidence,
            _ => effect.ToString(),
        }).Append(result.Verdict.ToString());
        Assert.That(said, Has.None.Contains(word));
    }

    [Test]
    public void BannedContent_hides_the_word_even_when_the_scanner_repeats_it_in_its_note()
    {
        var careless = new CarelessScanner();
        var at = Noon;
        var result = new BannedContentRule(() => careless).Evaluate(Given.Post("zhangsan", "玩百家乐", at), Given.State(), at);
        Assert.That(result.Effects.OfType<RecordViolation>().Single().Evidence, Is.EqualTo("gambling 赌博: at 1+3 「百**」 (matched 百**)"));
    }

    [Test]
    public void BannedContent_with_several_categories_records_each_and_strikes_once()
    {
        var result = Judge("百家乐代开发票");

        var violations = result.Effects.OfType<RecordViolation>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(violations.Select(v => (v.Category, v.Strike)), Is.EqualTo(new[] { ("gambling", true), ("advertising", false) }));
            Assert.That(result.Effects.OfType<PostToGroup>().Single().Text, Does.Contain("赌博、广告推销类违规内容"));
        });
    }

    [TestCase(0, false)]
    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(4, true)]
    public void BannedContent_escalates_to_the_owner_at_the_third_strike_within_the_window(int earlierStrikes, bool escalated)
    {
        var result = Judge("周末一起玩百家乐吗", earlierStrikes);

        var toOwner = result.Effects.OfType<SendPrivate>().ToList();
        Assert.That(toOwner, Has.Count.EqualTo(escalated ? 1 : 0));
        if (!escalated) return;
        Assert.Multiple(() =>
        {
            Assert.That(toOwner[0].To, Is.EqualTo(new[] { Given.Owner }));
            Assert.That(toOwner[0].Text, Does.Contain("请考虑将其移出本群")
                .And.Contain($"张三（zhangsan）30天内已{earlierStrikes + 1}次发布违规内容").And.Contain("赌博").And.Contain("「百**」"));
            Assert.That(toOwner[0].Text, Does.Not.Contain("百家乐"));
            Assert.That(result.Verdict.Detail, Does.EndWith($"strike {earlierStrikes + 1}/3 within 30d; limit reached, owner chen told"));
        });
    }

    [Test]
    public void BannedContent_follows_the_groups_strike_limit()
    {
        var policy = new GroupPolicy { StrikeLimit = 5, StrikeWindow = TimeSpan.FromDays(7) };
        Assert.Multiple(() =>
        {
            Assert.That(Judge("百家乐", 2, policy).Effects.OfType<SendPrivate>(), Is.Empty);
            Assert.That(Judge("百家乐", 4, policy).Effects.OfType<SendPrivate>().Single().Text, Does.Contain("7天内已5次"));
        });
    }

    [Test]
    public void BannedContent_asks_for_the_recall_within_the_groups_time()
    {
        var policy = new GroupPolicy { RecallWindow = TimeSpan.FromMinutes(90) };
        Assert.That(Judge("百家乐", policy: policy).Effects.OfType<PostToGroup>().Single().Text, Does.Contain("请在1小时30分钟内撤回"));
    }

    [Test]
    public void BannedContent_asks_for_the_scanner_at_each_message_so_a_reloaded_list_applies_at_once()
    {
        IContentScanner current = new FakeScanner(("百家乐", "gambling", "赌博"));
        var rule = new BannedContentRule(() => current);
        var at = Noon;
        var first = rule.Evaluate(Given.Post("zhangsan", "来看风水", at), Given.State(), at);

        current = new FakeScanner(("百家乐", "gambling", "赌博"), ("看风水", "superstition", "封建迷信"));
        var next = rule.Evaluate(Given.Post("zhangsan", "来看风水", at), Given.State(), at);

        Assert.Multiple(() =>
        {
            Assert.That(first.Verdict.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(next.Effects.OfType<RecordViolation>().Single().Category, Is.EqualTo("superstition"));
        });
    }

    [Test]
    public void BannedContent_does_not_scan_a_post_without_text()
    {
        var scanner = new FakeScanner(("百家乐", "gambling", "赌博"));
        var result = new BannedContentRule(() => scanner).Evaluate(Given.Post("zhangsan", "", Noon, kind: Bot.Rules.Messages.MessageKind.Image), Given.State(), Noon);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo("banned-content: pass, 0 hits in 0 chars"));
            Assert.That(scanner.Scans, Is.Zero);
        });
    }

    [Test]
    public void BannedContent_in_observe_mode_records_without_a_strike_and_sends_nothing()
    {
        var policy = new GroupPolicy { Modes = new Dictionary<string, RuleMode> { ["banned-content"] = RuleMode.Observe } };
        var pipeline = new RulePipeline([new BannedContentRule(() => Scanner)]);

        var decision = pipeline.Evaluate(Given.Post("zhangsan", "玩百家乐", Noon), Given.State(policy, strikes: 2), Noon);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Verdicts.Single().Mode, Is.EqualTo(RuleMode.Observe));
            Assert.That(decision.Effects, Is.EqualTo(new Effect[] { new RecordViolation("banned-content", "gambling", "gambling 赌博: at 1+3 「百**」 (list entry 0)", Strike: false) }));
        });
    }

    /// <summary>A scanner whose note repeats the matched text, which the contract asks it not to do.</summary>
    private sealed class CarelessScanner : IContentScanner
    {
        public IReadOnlyList<ContentHit> Scan(string text) => [new ContentHit(1, 3, "gambling", "赌博", "matched 百家乐")];
    }
}
