using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>Contact solicitation: the disguises spammers use are caught; a teacher's ordinary invitation is not.</summary>
public class SolicitationTests
{
    private static readonly ContentScanner Scanner = new(DefaultWordLists.BuildMatcher());

    // The misses the issue found, each with the detector's own reading.
    [TestCase("加我V❤信", "加我V❤信")]
    [TestCase("加我V信", "加我V信")]
    [TestCase("加我v信", "加我v信")]
    [TestCase("加我wx", "加我wx")]
    [TestCase("加微：abc123", "加微：abc123")]
    [TestCase("私聊我，低价代购", "私聊")]
    [TestCase("有事加ＶＸ：abc12345", "加ＶＸ：abc12345")]
    [TestCase("有事加Ｑq：12345678", "加Ｑq：12345678")]
    [TestCase("有事加 V X", "加 V X")]
    [TestCase("➕V：abc678 看朋友圈", "➕V：abc678")]
    [TestCase("扣扣：九八七六五四三二一，欢迎咨询", "扣扣：九八七六五四三二一")]
    [TestCase("加 微 信 领 取 免 费 试 用 装", "加 微 信")]
    [TestCase("有需要的家长加我微信，低价代购进口奶粉", "加我微信")]
    public void Solicitation_is_advertising_at_its_place(string text, string expected)
    {
        var hits = ContentJudgement.Of(Scanner, text).Hits.Where(h => h.CategoryKey == "advertising");

        Assert.That(hits.Select(h => text.Substring(h.Start, h.Length)), Does.Contain(expected));
    }

    [TestCase("请新来的家长加一下我的微信，备注孩子的姓名，方便联系。")]
    [TestCase("有问题的家长可以私聊我，也可以周三下午来学校面谈。")]
    [TestCase("请还没进群的家长扫描下方二维码加入班级群，进群后请把昵称改为“孩子姓名+爸爸/妈妈”。")]
    [TestCase("请大家加一下公司的企业微信，个人微信不再用于工作沟通。")]
    [TestCase("为加强学校微信公众号的管理，宣传部决定每篇推文都要经过三审。")]
    [TestCase("今晚加班，有事微信联系。")]
    [TestCase("若有急事请微信私聊或电话沟通。")]
    [TestCase("请准时参加电话会议。")]
    public void A_teachers_ordinary_invitation_passes(string text) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Hits, Is.Empty);

    [Test]
    public void An_account_posted_inside_a_warning_still_counts()
    {
        const string text = "谨防假冒认准并添加官方微信abc12345";

        var hit = ContentJudgement.Of(Scanner, text).Hits.Single();

        Assert.That((hit.CategoryKey, hit.Concrete), Is.EqualTo(("advertising", true)));
    }
}
