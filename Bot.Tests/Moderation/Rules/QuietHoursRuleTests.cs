using Bot.Rules.Messages;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;

namespace Bot.Tests.Moderation.Rules;

public class QuietHoursRuleTests
{
    private static readonly QuietHoursRule Rule = new();

    private static RuleResult Judge(string clock, string text = "明天的教研活动改到三楼", string sender = "zhangsan", GroupPolicy? policy = null) =>
        Rule.Evaluate(Given.Post(sender, text, Given.At(clock)), Given.State(policy), Given.At(clock));

    [TestCase("23:05", "23:00–06:30")]
    [TestCase("12:41", "12:40–14:20")]
    [TestCase("06:29", "23:00–06:30")]
    [TestCase("00:30", "23:00–06:30")]
    public void QuietHours_flags_a_post_in_a_window_with_a_private_reminder_to_the_poster_only(string clock, string window)
    {
        var result = Judge(clock);

        var evidence = $"{clock} in {window} Asia/Shanghai";
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo($"quiet-hours: hit, {evidence}"));
            Assert.That(result.Effects.OfType<PostToGroup>(), Is.Empty, "never a group post that wakes everyone");
            var reminder = result.Effects.OfType<SendPrivate>().Single();
            Assert.That(reminder.To, Is.EqualTo(new[] { "zhangsan" }));
            Assert.That(reminder.Text, Does.Contain("早上6:30前，中午12:40——14:20，晚上23:00之后不在群里发布信息"));
            Assert.That(result.Effects.OfType<RecordViolation>().Single(), Is.EqualTo(new RecordViolation("quiet-hours", "quiet-hours", evidence, Strike: false)));
        });
    }

    [TestCase("06:30")]
    [TestCase("14:20")]
    [TestCase("22:59")]
    [TestCase("09:12")]
    public void QuietHours_passes_a_post_outside_the_windows_and_says_so(string clock)
    {
        var result = Judge(clock);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo($"quiet-hours: pass, {clock} outside 23:00–06:30, 12:40–14:20 Asia/Shanghai"));
            Assert.That(result.Effects, Is.Empty);
        });
    }

    [Test]
    public void QuietHours_flags_a_post_at_23_05_Shanghai_given_as_a_UTC_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 25, 15, 5, 0, TimeSpan.Zero);
        var result = Rule.Evaluate(Given.Post("zhangsan", "在吗", instant), Given.State(), instant);
        Assert.That(result.Verdict.ToString(), Is.EqualTo("quiet-hours: hit, 23:05 in 23:00–06:30 Asia/Shanghai"));
    }

    [TestCase("23:29", false)]
    [TestCase("23:45", true)]
    [TestCase("07:15", true)]
    [TestCase("07:30", false)]
    public void QuietHours_follows_a_group_policy_of_23_30_to_07_30_and_cites_it(string clock, bool flagged)
    {
        var policy = new GroupPolicy { QuietHours = [Given.Window("23:30", "07:30")] };
        var result = Judge(clock, policy: policy);
        Assert.That(result.Verdict.Outcome, Is.EqualTo(flagged ? Outcome.Hit : Outcome.Pass));
        if (flagged) Assert.That(result.Effects.OfType<SendPrivate>().Single().Text, Does.Contain("早上7:30前，晚上23:30之后不在群里发布信息"));
    }

    [Test]
    public void QuietHours_cites_weekday_windows_with_their_days()
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var policy = new GroupPolicy { QuietHours = [Given.Window("23:00", "06:30", weekdays), Given.Window("12:40", "14:20", weekdays)] };
        var result = Judge("23:05", policy: policy);
        Assert.That(result.Effects.OfType<SendPrivate>().Single().Text, Does.Contain(
            "早上6:30前（周二、周三、周四、周五、周六），中午12:40——14:20（周一、周二、周三、周四、周五），晚上23:00之后（周一、周二、周三、周四、周五）"));
    }

    [TestCase("紧急：明早停水，请通知学生")]
    [TestCase("明早停水【紧急】")]
    public void QuietHours_lets_an_urgent_post_through(string text)
    {
        var result = Judge("23:05", text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo("quiet-hours: pass, urgent: 「紧急」, 23:05 in 23:00–06:30 Asia/Shanghai"));
            Assert.That(result.Effects, Is.Empty);
        });
    }

    [Test]
    public void QuietHours_lets_an_exempt_person_post()
    {
        var policy = new GroupPolicy { QuietHoursExempt = ["chen"] };
        var result = Judge("23:05", sender: "chen", policy: policy);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict.ToString(), Is.EqualTo("quiet-hours: pass, exempt: chen, 23:05 in 23:00–06:30 Asia/Shanghai"));
            Assert.That(result.Effects, Is.Empty);
        });
    }

    [Test]
    public void QuietHours_judges_images_but_not_direct_chats_or_events()
    {
        var at = Given.At("23:05");
        var image = Given.Post("zhangsan", "", at, kind: MessageKind.Image);
        var direct = Given.Post("zhangsan", "在吗", at) with { ChatType = ChatType.Direct };
        var joined = Given.Post("zhangsan", "", at, kind: MessageKind.Event);
        Assert.Multiple(() =>
        {
            Assert.That(Rule.Evaluate(image, Given.State(), at).Verdict.Outcome, Is.EqualTo(Outcome.Hit));
            Assert.That(Rule.Evaluate(direct, Given.State(), at).Verdict.ToString(), Is.EqualTo("quiet-hours: pass, not a group post"));
            Assert.That(Rule.Evaluate(joined, Given.State(), at).Verdict.ToString(), Is.EqualTo("quiet-hours: pass, not a member's post (Event)"));
        });
    }

    [Test]
    public void QuietHours_in_observe_mode_records_the_violation_and_sends_nothing()
    {
        var policy = new GroupPolicy { Modes = new Dictionary<string, RuleMode> { ["quiet-hours"] = RuleMode.Observe } };
        var pipeline = new RulePipeline([Rule]);
        var at = Given.At("23:05");

        var decision = pipeline.Evaluate(Given.Post("zhangsan", "在吗", at), Given.State(policy), at);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Verdicts.Single(), Is.EqualTo(new Verdict("quiet-hours", Outcome.Hit, RuleMode.Observe, "23:05 in 23:00–06:30 Asia/Shanghai")));
            Assert.That(decision.Effects, Is.EqualTo(new Effect[] { new RecordViolation("quiet-hours", "quiet-hours", "23:05 in 23:00–06:30 Asia/Shanghai", Strike: false) }));
        });
    }

    [Test]
    public void QuietHours_switched_off_says_so_and_does_nothing()
    {
        var policy = new GroupPolicy { Modes = new Dictionary<string, RuleMode> { ["quiet-hours"] = RuleMode.Off } };
        var at = Given.At("23:05");
        var decision = new RulePipeline([Rule]).Evaluate(Given.Post("zhangsan", "在吗", at), Given.State(policy), at);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Verdicts.Single().Outcome, Is.EqualTo(Outcome.Off));
            Assert.That(decision.Effects, Is.Empty);
        });
    }
}
