using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

public class DefaultListsTests
{
    private static readonly WordMatcher Matcher = DefaultWordLists.BuildMatcher();

    [TestCase("专业代开发票，价格优惠", BannedCategory.Advertising, "代开发票")]
    [TestCase("宝妈在家兼职日结，一单一结", BannedCategory.Advertising, "兼职日结")]
    [TestCase("刷单返利了解一下", BannedCategory.Advertising, "刷单")]
    [TestCase("紧急扩散！明天学校门口有人贩子出没", BannedCategory.Rumor, "紧急扩散")]
    [TestCase("转发救人，一位孩子急需O型血", BannedCategory.Rumor, "转发救人")]
    [TestCase("晚上约炮吗", BannedCategory.Obscenity, "约炮")]
    [TestCase("发个黄色网站给你", BannedCategory.Obscenity, "黄色网站")]
    [TestCase("周末一起去赌博", BannedCategory.Gambling, "赌博")]
    [TestCase("网赌输了十万", BannedCategory.Gambling, "网赌")]
    [TestCase("今晚六合彩开什么", BannedCategory.Gambling, "六合彩")]
    [TestCase("百家乐稳赢", BannedCategory.Gambling, "百家乐")]
    [TestCase("世界杯赌球群", BannedCategory.Gambling, "赌球")]
    [TestCase("再吵我就砍死你", BannedCategory.Violence, "砍死你")]
    [TestCase("有人要卖枪，私聊", BannedCategory.Violence, "卖枪")]
    [TestCase("找大师算命很准", BannedCategory.Superstition, "算命")]
    [TestCase("这块玉开过光的", BannedCategory.Superstition, "开过光")]
    [TestCase("法轮大法好", BannedCategory.Political, "法轮大法")]
    [TestCase("你个傻逼", BannedCategory.Abuse, "傻逼")]
    [TestCase("滚蛋吧你", BannedCategory.Abuse, "滚蛋")]
    [TestCase("真是个废物", BannedCategory.Abuse, "废物")]
    [TestCase("谁把内部资料外传了", BannedCategory.Leak, "内部资料外传")]
    [TestCase("有人在出售学生信息", BannedCategory.Leak, "出售学生信息")]
    public void Default_lists_flag_each_category(string text, BannedCategory category, string word)
    {
        var hits = Matcher.FindAll(text);

        Assert.That(hits.Select(h => (h.Category, text.Substring(h.Start, h.Length))), Does.Contain((category, word)));
    }

    [TestCase("前面路口交通管制，请绕行")]
    [TestCase("我女儿今天发烧请假")]
    [TestCase("大家抓紧干活")]
    [TestCase("请各位班主任于周五前上交学生安全责任书，收到请回复：我已知晓，马上照办！")]
    [TestCase("明天上午8:00在三楼会议室召开全体教师会议，请准时参加。此条信息不必回复！")]
    [TestCase("请以下注意事项转发给家长：放学后不要在路口逗留。")]
    [TestCase("本周开展“远离赌博、拒绝色情”主题班会，请各班做好记录")]
    [TestCase("请大家看相关附件，修改运行方案后提交")]
    [TestCase("期中考试成绩已发，以下分为三个等级")]
    [TestCase("USB接口交付使用，窗口交费请排队")]
    [TestCase("高一年级废物回收活动照片已上传")]
    [TestCase("请转发此消息给家长，谢谢配合")]
    [TestCase("异性交往要注意分寸，这是青春期教育的内容")]
    public void Ordinary_school_messages_have_no_hit(string text) =>
        Assert.That(Matcher.FindAll(text), Is.Empty);

    [Test]
    public void Every_shipped_list_loads_without_a_refused_line() =>
        Assert.That(() => DefaultWordLists.Load(), Throws.Nothing);

    [Test]
    public void Every_category_ships_a_list()
    {
        var lists = DefaultWordLists.Load();

        Assert.Multiple(() =>
        {
            foreach (var category in BannedCategories.All)
                Assert.That(lists.Banned.Count(e => e.Category == category), Is.GreaterThan(5), category.Key());
            Assert.That(lists.Allowed, Does.Contain("路口交通"));
        });
    }
}
