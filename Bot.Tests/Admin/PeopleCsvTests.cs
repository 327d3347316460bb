using Bot.Host.People;

namespace Bot.Tests.Admin;

/// <summary>The one people CSV of the admin API and the dashboard, as spreadsheets save it and as people get it wrong.</summary>
public sealed class PeopleCsvTests
{
    [Test]
    public void Reads_an_english_or_chinese_header_quoted_fields_a_bom_and_an_empty_supervisor()
    {
        foreach (var header in new[] { "userid,name,department,supervisor", "userid,姓名,部门,负责人", "账号,姓名,部门,负责人" })
        {
            var (rows, errors) = PeopleCsv.Read($"\uFEFF{header}\r\nt1,张老师,\"语文组,初一\",li\r\n\r\nli,李组长,语文组,\r\n");
            Assert.That(errors, Is.Empty);
            Assert.That(rows.Select(r => (r.Line, r.Person.UserId, r.Person.Department, r.Person.Supervisor)),
                Is.EqualTo(new[] { (2, "t1", "语文组,初一", (string?)"li"), (4, "li", "语文组", null) }));
        }
    }

    [TestCase("t 1,张老师,语文组,", 1, "账号「t 1」无效：只能包含英文字母、数字")]
    [TestCase("t1,,语文组,", 1, "请填写姓名")]
    [TestCase("t1,张老师,语文组,t1", 1, "负责人不能是本人")]
    [TestCase("t1,张老师,语文组", 1, "应为4列")]
    [TestCase("t1,张老师,语文组,li,extra", 1, "应为4列")]
    [TestCase("t1,\"张老师,语文组,li", 1, "引号不成对")]
    [TestCase("t1,张老师,语文组,\nt1,张三,语文组,", 2, "账号「t1」与第1行重复")]
    [TestCase("t1,张老师,语文组,\n\"u2\",\"两行\n的名字\",y,\nt3,,z,", 4, "请填写姓名")]
    public void Reports_a_bad_row_by_its_line_in_the_file_and_why(string csv, int line, string expected)
    {
        var (_, errors) = PeopleCsv.Read(csv);
        Assert.That(errors.Select(e => (e.Row, string.Join("；", e.Errors))), Has.Some.Matches<(int Row, string Text)>(e => e.Row == line && e.Text.Contains(expected, StringComparison.Ordinal)));
    }

    [Test]
    public void An_empty_file_or_a_header_alone_is_refused() =>
        Assert.That(PeopleCsv.Read("userid,name,department,supervisor\n").Errors.Single().Errors, Is.EqualTo(new[] { "文件中没有人员" }));

    [Test]
    public void A_supervisor_must_be_in_the_file_or_the_directory()
    {
        var (rows, _) = PeopleCsv.Read("t1,张老师,语文组,li\nt2,陈老师,语文组,t1\nt3,刘老师,语文组,ghost");
        var unknown = PeopleCsv.UnknownSupervisors(rows, new HashSet<string> { "li" });
        Assert.That(unknown.Select(u => (u.Row, u.Errors.Single())), Is.EqualTo(new[] { (3, "负责人「ghost」不在文件中，也不在通讯录中") }));
    }
}
