using Bot.Host.Dashboard;

namespace Bot.Tests.Dashboard;

public sealed class PeopleCsvTests
{
    [Test]
    public void Reads_a_header_quoted_fields_and_an_empty_supervisor()
    {
        var (rows, errors) = PeopleCsv.Parse("\uFEFFuserid,name,department,supervisor\r\nt1,张老师,\"语文组,初一\",li\r\nli,李组长,语文组,\r\n");
        Assert.That(errors, Is.Empty);
        Assert.That(rows.Select(r => (r.Line, r.Person.UserId, r.Person.Department, r.Person.Supervisor)),
            Is.EqualTo(new[] { (2, "t1", "语文组,初一", (string?)"li"), (3, "li", "语文组", null) }));
    }

    [TestCase("t 1,张老师,语文组,", "第1行：userid「t 1」无效")]
    [TestCase("t1,,语文组,", "第1行：姓名为空")]
    [TestCase("t1,张老师,语文组,t1", "第1行：负责人不能是本人")]
    [TestCase("t1,张老师,语文组,li,extra", "第1行：应为4列")]
    [TestCase("t1,\"张老师,语文组,li", "第1行：引号不成对")]
    [TestCase("t1,张老师\nt1,张三", "第2行：userid「t1」与第1行重复")]
    public void Reports_a_bad_row_by_line_and_reason(string csv, string expected)
    {
        var (_, errors) = PeopleCsv.Parse(csv);
        Assert.That(errors, Has.Some.StartsWith(expected));
    }

    [Test]
    public void A_supervisor_must_be_in_the_file_or_the_directory()
    {
        var (rows, _) = PeopleCsv.Parse("t1,张老师,语文组,li\nt2,陈老师,语文组,t1\nt3,刘老师,语文组,ghost");
        var unknown = PeopleCsv.UnknownSupervisors(rows, new HashSet<string> { "li" });
        Assert.That(unknown, Is.EqualTo(new[] { "第3行：负责人「ghost」不在文件中，也不在通讯录中" }));
    }
}
