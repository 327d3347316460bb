using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Tests.Moderation.Rules;

public class RosterRuleTests
{
    private static readonly RosterRule Rule = new();
    private static readonly DateTimeOffset Now = Given.At("10:00");

    private static RuleResult Judge(string sender, string? shownName = null, GroupPolicy? policy = null, GroupInfo? group = null, params RecentPost[] recent) =>
        Rule.Evaluate(Given.Post(sender, "大家好", Now, shownName), Given.State(policy, recent, group: group), Now);

    [Test]
    public void Roster_adds_a_newcomer_and_tells_the_owner()
    {
        var result = Judge("zhaoliu");
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.OfType<AddToRoster>().Single(), Is.EqualTo(new AddToRoster("zhaoliu", "赵六")));
            var report = result.Effects.OfType<SendPrivate>().Single();
            Assert.That(report.To, Is.EqualTo(new[] { Given.Owner }));
            Assert.That(report.Text, Does.Contain("赵六（zhaoliu，通讯录：后勤处）").And.Contain("到岗即入").And.Contain("群成员一律实名制"));
            Assert.That(result.Verdict.ToString(), Is.EqualTo("roster: hit, zhaoliu (赵六) not on the roster, added, owner chen told"));
        });
    }

    [Test]
    public void Roster_adds_a_newcomer_once_as_the_next_post_finds_them_on_the_roster()
    {
        var first = Judge("zhaoliu");
        var joined = Given.Group with { Members = [.. Given.Group.Members, .. first.Effects.OfType<AddToRoster>().Select(a => a.UserId)] };
        var second = Judge("zhaoliu", group: joined);
        Assert.Multiple(() =>
        {
            Assert.That(second.Effects, Is.Empty);
            Assert.That(second.Verdict.ToString(), Is.EqualTo("roster: pass, zhaoliu on the roster as 赵六"));
        });
    }

    [Test]
    public void Roster_names_a_newcomer_missing_from_the_directory_by_their_nickname()
    {
        var result = Judge("visitor", "访客小刘");
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects.OfType<AddToRoster>().Single(), Is.EqualTo(new AddToRoster("visitor", "访客小刘")));
            Assert.That(result.Effects.OfType<SendPrivate>().Single().Text, Does.Contain("通讯录中未找到此人"));
        });
    }

    [Test]
    public void Roster_adds_a_newcomer_to_a_group_without_an_owner_and_says_no_one_was_told()
    {
        var result = Judge("zhaoliu", group: Given.Group with { Owner = null });
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.EqualTo(new Effect[] { new AddToRoster("zhaoliu", "赵六") }));
            Assert.That(result.Verdict.Detail, Does.EndWith("added; no owner to tell"));
        });
    }

    [TestCase("张三", Outcome.Pass)]
    [TestCase("", Outcome.Pass)]
    [TestCase("小张", Outcome.Hit)]
    [TestCase("语文组-张三", Outcome.Hit)]
    public void Roster_nudges_a_nickname_that_is_not_the_directory_name(string shown, Outcome outcome) =>
        Assert.That(Judge("zhangsan", shown).Verdict.Outcome, Is.EqualTo(outcome));

    [Test]
    public void Roster_nudges_the_member_privately_to_use_their_real_name()
    {
        var result = Judge("zhangsan", "小张");
        Assert.Multiple(() =>
        {
            var nudge = result.Effects.OfType<SendPrivate>().Single();
            Assert.That(nudge.To, Is.EqualTo(new[] { "zhangsan" }));
            Assert.That(nudge.Text, Does.Contain("实名制").And.Contain("「小张」").And.Contain("真实姓名「张三」"));
            Assert.That(result.Effects.OfType<RecordViolation>().Single(), Is.EqualTo(
                new RecordViolation("roster", "nickname", "nickname 「小张」 is not the directory name 「张三」", Strike: false)));
        });
    }

    [Test]
    public void Roster_does_not_nudge_again_while_the_member_keeps_posting()
    {
        var result = Judge("zhangsan", "小张", recent: Given.Recent("zhangsan", "早", Now.AddMinutes(-2)));
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Detail, Does.Contain("already nudged"));
        });
    }

    [TestCase("张小明爸爸", Outcome.Pass)]
    [TestCase("李华妈妈", Outcome.Pass)]
    [TestCase("张伟", Outcome.Hit)]
    [TestCase("小明妈", Outcome.Hit)]
    [TestCase("爸爸", Outcome.Hit)]
    public void Roster_in_a_parent_group_wants_student_name_plus_father_or_mother(string shown, Outcome outcome)
    {
        var policy = new GroupPolicy { NamePattern = "^.+(爸爸|妈妈)$" };
        var result = Judge("zhangsan", shown, policy);
        Assert.That(result.Verdict.Outcome, Is.EqualTo(outcome));
        if (outcome == Outcome.Hit) Assert.That(result.Effects.OfType<SendPrivate>().Single().Text, Does.Contain("学生姓名+爸爸/妈妈"));
    }

    [Test]
    public void Roster_explains_a_name_pattern_that_is_not_an_expression()
    {
        var result = Judge("zhangsan", "小张", new GroupPolicy { NamePattern = "(爸爸" });
        Assert.Multiple(() =>
        {
            Assert.That(result.Effects, Is.Empty);
            Assert.That(result.Verdict.Detail, Does.StartWith("NamePattern (爸爸 is not a valid expression"));
        });
    }

    [Test]
    public void Roster_reports_a_user_deleted_from_the_directory_to_the_owners_of_groups_listing_them()
    {
        GroupInfo[] groups =
        [
            new("g1", "教职工群", null, "chen", ["chen", "lisi", "wangwu"], []),
            new("g2", "数学组", null, "wangwu", ["wangwu", "zhangsan"], []),
            new("g3", "初一(3)班家长群", null, "zhangsan", ["zhangsan", "lisi"], []),
            new("g4", "兴趣小组", null, null, ["lisi"], []),
        ];

        var results = RosterHygiene.OnUserDeleted("lisi", "李四", groups);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.ChatId), Is.EqualTo(new[] { "g1", "g3", "g4" }));
            var messages = results.SelectMany(r => r.Effects).Cast<SendPrivate>().ToList();
            Assert.That(messages.Select(m => m.To.Single()), Is.EqualTo(new[] { "chen", "zhangsan" }));
            Assert.That(messages[1].Text, Does.Contain("李四（lisi）已从通讯录中删除").And.Contain("初一(3)班家长群").And.Contain("离职即删").And.Contain("请将其移出本群"));
            Assert.That(results[0].Verdict.ToString(), Is.EqualTo("roster: hit, lisi deleted from the directory, still on the roster of g1, owner chen told"));
            Assert.That(results[2].Verdict.Detail, Does.EndWith("no owner to tell"));
        });
    }
}
