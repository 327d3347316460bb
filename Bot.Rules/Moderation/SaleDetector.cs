namespace Bot.Rules.Moderation;

/// <summary>
/// Selling to the group: a price with the words of a sale (「原价二百九，群内专享一百二十九」, 「九块九包邮三双」), or a price
/// per unit with a call to buy privately (「一饼两百八，需要的私」, 「一小时一百，私信」) (advertising).
/// </summary>
/// <remarks>
/// Schools name prices all day: 「资料费九块九」, 「班费每人50元」, 「校服一套120元，自愿购买」, 「多订的报纸还剩六份，一份二十五元，
/// 要的家长私我」, 「食堂午餐一份十五元，需要订餐的私聊我」. A fee, a price per pupil, money handed to the class, the
/// canteen, or what is left of the class's own order is not a sale (<see cref="SchoolMoney"/>).
/// </remarks>
internal static class SaleDetector
{
    private static readonly Vocabulary Promotion = new(
        "包邮", "批发", "原价", "现价", "特价", "秒杀", "抢购", "清仓", "厂家", "工厂", "源头", "直发", "一件代发", "尾单", "正品",
        "现摘", "自产", "农家", "渠道价", "内部价", "出厂价", "团购", "买一送一", "买二送一", "打折", "折扣", "八折", "七折", "六折",
        "五折", "九折", "半价", "优惠", "福利", "限时", "名额有限", "代购", "货到付款", "量大", "发货", "下单", "截单", "预定", "预订",
        "爆款", "专享", "新品", "上新", "上架", "打包", "甩卖", "便宜", "特惠", "促销");

    // Spoken to the buyer: 「私我」, 「找我」. 下单 and 订购 are also a buyer's own words (「我刚下单了」).
    private static readonly Vocabulary DirectCall = new("私我", "私聊", "私信", "私发", "扣1", "看款", "找我", "联系我", "加我", "滴滴我");

    private static readonly Vocabulary PrivateCall = new([.. DirectCall.Words, "下单", "订购"]);

    /// <summary>What a sale cannot be without: a word of promotion, a private call, or the 私 that cuts one short.</summary>
    public static readonly Vocabulary Trigger = new([.. Promotion.Words, .. PrivateCall.Words, "私"]);

    private static readonly Vocabulary SchoolMoney = new(
        "费用", "资料费", "班费", "餐费", "书费", "服务费", "保险费", "校服费", "研学费", "活动费", "补办费", "印刷费", "材料费", "学杂费",
        "住宿费", "车费", "门票", "收费", "每人", "每生", "每位", "交给", "交到", "上交", "缴", "收取", "多退少补", "自愿", "统一",
        "家委", "班长", "学习委员", "财务", "总务", "多订", "还剩", "多出", "食堂", "订餐");

    // A buyer telling what they paid: 「我刚下单了一个书包，89元，挺便宜的」, 「快递发货了，运费15元」. With a call to the
    // buyer beside it (「买了的都说好，要的私我」) it is a seller again.
    private static readonly Vocabulary BuyerVoice = new(
        "我买", "我刚买", "我也买", "买了", "买的", "下单了", "我下单", "我刚下单", "入手", "收到货", "到货了", "发货了", "给孩子买",
        "帮孩子买");

    public static PhraseHit? Find(FoldedText folded)
    {
        var text = folded.Text.AsSpan();
        // The sale words first: they are absent from most messages, prices are not.
        var promoted = Promotion.In(text);
        var directCall = DirectCall.In(text) || SolicitationDetector.ShortPrivateCall(folded) >= 0;
        if (!promoted && !directCall && !PrivateCall.In(text)) return null;
        if (!directCall && BuyerVoice.In(text)) return null;
        if (PriceReader.Find(text, out var perUnit) is not { } price || SchoolMoney.In(text)) return null;
        var found = promoted ? "sale: price + promotion" : perUnit ? "sale: price per unit + private call" : null;
        return found is null ? null : folded.Phrase(price.Start, price.End, BannedCategory.Advertising, found);
    }
}
