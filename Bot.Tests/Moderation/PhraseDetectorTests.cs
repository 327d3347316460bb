using Bot.Rules.Moderation;

namespace Bot.Tests.Moderation;

/// <summary>
/// The phrase detectors, which read how a message is put together where no list word stands: each reading with the
/// ordinary school sentences that share its words and must pass.
/// </summary>
public class PhraseDetectorTests
{
    private static readonly ContentScanner Scanner = new(DefaultWordLists.BuildMatcher());

    private static IEnumerable<ContentHit> Counted(string text) => ContentJudgement.Of(Scanner, text).Hits;

    [TestCase("晚上给我小心点，这事没完", "violence", "threat: two threatening hints")]
    [TestCase("你给我等着，放学有你好看", "violence", "threat: threatening idiom")]
    [TestCase("再说一句我弄死你", "violence", "threat: harm to a person")]
    [TestCase("信不信我把你腿打断", "violence", "threat: harm to a person")]
    [TestCase("迟早让他出车祸", "violence", "threat: harm wished on a person")]
    [TestCase("明天我就炸了这个破学校", "violence", "threat: attack on a place or its people")]
    [TestCase("原价二百九，群内专享一百二十九，包邮到家", "advertising", "sale: price + promotion")]
    [TestCase("自家茶园的普洱，一饼两百八，需要的私", "advertising", "sale: price per unit + private call")]
    [TestCase("买了的都说好，一盒六十八，要的私我", "advertising", "sale: price per unit + private call")]
    [TestCase("看我怎么收拾你", "violence", "threat: harm to a person")]
    [TestCase("网传学校食堂的菜有毒，新闻都不报", "rumor", "rumor: scare + sensational hearsay")]
    [TestCase("美甲店新店开业，全场八折，加我预约", "advertising", "shop promotion: opening + deal")]
    [TestCase("你死定了，放学别走", "violence", "threat: two threatening hints")]
    [TestCase("MD，又停电了", "abuse", "curse: a clause of its own")]
    [TestCase("听说隔壁小区有人贩子抢小孩，大家看好孩子", "rumor", "rumor: scare + hearsay")]
    [TestCase("三年级有个孩子得了肺结核，赶紧扩散", "rumor", "rumor: scare + spread it")]
    [TestCase("期末数学卷子我弄到了，要的私聊", "leak", "exam leak: paper + obtained")]
    [TestCase("高考答案提前拿到，保真", "leak", "exam leak: answers + obtained")]
    [TestCase("公司客户名单谁要，给钱就发", "leak", "records leak: records + spread or sold")]
    [TestCase("帮我砍一刀，就差最后一刀了", "advertising", "click bait: action + reward")]
    [TestCase("不看征信的网贷，当天下款", "advertising", "loan offer: loan + no checks")]
    [TestCase("同城特殊服务，酒店上门", "obscenity", "sex service: service + terms")]
    [TestCase("号召大家起来推翻政府", "political", "subversion: overthrow + regime")]
    public void A_reading_is_found_in_its_category(string text, string category, string evidence)
    {
        var hits = Counted(text).ToList();

        Assert.That(hits.Select(h => (h.CategoryKey, h.Evidence)), Does.Contain((category, evidence)), string.Join("; ", hits));
    }

    // Each shares the words of a reading above and is what teachers, parents and colleagues write.
    [TestCase("路上小心点，雨天路滑")]
    [TestCase("下次比赛走着瞧😄")]
    [TestCase("金鱼弄死了，孩子哭了一晚上")]
    [TestCase("笑死我了，这孩子太有才了")]
    [TestCase("放学前请收拾你的书包和桌面")]
    [TestCase("别让他出事，路上有人陪着")]
    [TestCase("剧本杀你玩过吗？")]
    [TestCase("我们要干掉他们班拿冠军")]
    [TestCase("资料费九块九，明天交给班长")]
    [TestCase("校服一套120元，自愿购买")]
    [TestCase("食堂午餐一份十五元，需要订餐的私聊我")]
    [TestCase("一节课四十分钟，中间休息十分钟")]
    [TestCase("我刚下单了一个书包，89元，挺便宜的")]
    [TestCase("快递发货了，运费15元")]
    [TestCase("这孩子太皮了，回家我收拾他")]
    [TestCase("给老师添麻烦了，回家我把他揍一顿")]
    [TestCase("听说好几个班的孩子被传染了流感，大家注意防护")]
    [TestCase("手工课请准备：树叶，草，花瓣")]
    [TestCase("这周末新开的书店开业，全场八折，可以带孩子去看看")]
    [TestCase("你死定了，作业还没写完吧哈哈")]
    [TestCase("周末带孩子去酒店吃自助，约吗")]
    [TestCase("孩子在学校被同学欺负了，对方家长一句道歉都没有，我真想找他算账")]
    [TestCase("客户资料请不要随便发给外人，泄露了要负责任")]
    [TestCase("尼玛次仁同学今天请假")]
    [TestCase("请把md文件发到群里")]
    [TestCase("听说这次疫苗是进口的，孩子需要注意什么吗？")]
    [TestCase("学校通知：近期流感高发，请转发给家长，注意预防传染")]
    [TestCase("请把订正后的试卷拍下来发给我")]
    [TestCase("班长到教务处拿到卷子后发给大家")]
    [TestCase("这套真题书店有卖")]
    [TestCase("参考答案在练习册后面")]
    [TestCase("客户信息一条一条核对，不要外传")]
    [TestCase("还差三位家长没填，请点开链接填写")]
    [TestCase("关注学校公众号参与答题，有机会获得奖品")]
    [TestCase("助学贷款今天到账了")]
    [TestCase("辛亥革命推翻了清政府")]
    [TestCase("明天下午小区附近约吗，带孩子一起玩")]
    [TestCase("严禁泄露试题，违者严肃处理")]
    public void An_ordinary_sentence_that_shares_its_words_passes(string text) =>
        Assert.That(Counted(text), Is.Empty);

    [TestCase("联系人：王老师，电话13957102846", "联系人")]
    [TestCase("我换号了，新号码15867203194，请大家存一下", "新号码")]
    [TestCase("校医室电话：13605718293，孩子不舒服可以直接打", "室电话")]
    public void A_phone_given_as_a_contact_is_no_leak_and_the_verdict_says_so(string text, string marker)
    {
        var judgement = ContentJudgement.Of(Scanner, text);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Hits, Is.Empty);
            Assert.That(judgement.Excused.Select(e => (e.Hit.CategoryKey, e.Marker, e.Contact)), Does.Contain(("leak", marker, true)));
        });
    }

    [TestCase("李老师的手机号是13957102846，大家打给她问问")]
    [TestCase("联系人王某，电话13957102846，欠钱不还的老赖，大家打爆他")]
    public void Someone_elses_phone_or_one_posted_with_a_grudge_is_still_a_leak(string text) =>
        Assert.That(Counted(text).Select(h => h.CategoryKey), Does.Contain("leak"));

    [TestCase("赌博活动一律不得参与", "不得")]
    [TestCase("网上赌博请不要参与", "请不要")]
    public void A_thing_named_first_and_then_forbidden_only_names_it(string text, string marker) =>
        Assert.That(ContentJudgement.Of(Scanner, text).Excused.Select(e => e.Marker), Does.Contain(marker));

    [Test]
    public void Not_to_miss_a_gamble_is_no_prohibition() =>
        Assert.That(Counted("网上赌博请不要错过").Select(h => h.CategoryKey), Does.Contain("gambling"));

    [Test]
    public void A_threat_reported_in_quotation_marks_only_names_it()
    {
        var judgement = ContentJudgement.Of(Scanner, "孩子说同学威胁他“放学别走，有你好看”，请老师了解一下");

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Hits, Is.Empty);
            Assert.That(judgement.Excused.Select(e => e.Marker), Does.Contain("quoted"));
        });
    }
}
