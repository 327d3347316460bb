namespace Bot.Rules.Moderation;

/// <param name="Word">Folded: lower case, half width, simplified.</param>
/// <param name="Disguised">Nobody writes it this way except to get past a filter.</param>
internal sealed record Channel(string Word, bool Disguised)
{
    public int Length => Word.Length;
}

/// <summary>The words <see cref="SolicitationDetector"/> reads, folded as <see cref="TextNormalizer"/> folds text.</summary>
internal static class SolicitationVocabulary
{
    /// <summary>Longest first, so that 微信号 is read before 微信 and 微信 before 微.</summary>
    public static readonly Channel[] Channels =
    [
        .. new[] { "微信号", "微信", "qq", "手机号", "电话", "二维码" }.Select(w => new Channel(w, Disguised: false)),
        .. new[]
        {
            "weixin", "wei信", "v信", "vx", "wx", "薇信", "威信", "徽信", "维信", "卫信", "危信", "伟信", "扣扣", "企鹅", "v", "q", "薇", "微",
        }.Select(w => new Channel(w, Disguised: true)),
    ];

    public static readonly string[] Invitations =
        ["添加", "私聊", "私信", "联系", "扫码", "扫描", "识别", "搜索", "咨询", "滴滴", "加", "扫", "戳", "找"];

    /// <summary>Invitations to talk privately, which solicit with an offer even without naming a channel: 「私聊我，低价代购」.</summary>
    public static readonly string[] PrivateInvitations = ["私聊", "私信", "私我", "滴滴我", "戳我", "找我", "联系我", "加我", "扫码", "联系人"];

    /// <summary>What leads from a channel to its account: 「微信：abc123」 (the colon is a separator), 「号是」, 「搜索」.</summary>
    public static readonly string[] AccountLeads = ["号码是", "号码", "号是", "号为", "号", "群号", "群", "是", "为", "搜索", "同手机号", "同号"];

    /// <summary>Something for sale or on offer: money, goods, jobs, loans, giveaways.</summary>
    private static readonly string[] Offers =
    [
        "代购", "低价", "特价", "优惠", "折扣", "打折", "秒杀", "批发", "货源", "拿货", "一件代发", "包邮", "正品", "内部价", "出售", "回收",
        "日结", "兼职", "返利", "返现", "佣金", "提成", "赚钱", "日赚", "月入", "躺赚", "副业", "招代理", "代理价", "加盟",
        "贷款", "下款", "理财", "收益", "回报", "免费领", "领红包", "红包", "领福利", "新人福利", "试用装", "优惠券", "名额有限", "价格美丽",
        "便宜", "价格", "报价", "折", "包过", "利息", "额度", "到账", "代写", "代充", "代练", "保险", "招生", "提分", "赚", "挣钱",
        "上门", "送货", "下单", "看款", "好货", "现货", "促销", "开业", "特惠", "买一送一", "限时", "限量", "秒批", "急售", "转让",
        "出租", "涨粉", "刷粉", "高薪", "底薪", "招聘", "诚聘", "项目", "货到付款", "量大从优", "一件", "福利", "减肥", "瘦身", "见效",
        "专治", "秘方", "推广", "广告", "投资", "翻倍", "好物", "美女",
    ];

    private static readonly Vocabulary OfferWords = new(Offers);

    /// <summary>
    /// Whether something is offered: an offer word that stands inside a prohibition (「1.不发广告；…4.有私事请私聊老师」)
    /// offers nothing.
    /// </summary>
    public static bool HasOffer(FoldedText folded, string text)
    {
        if (!OfferWords.In(folded.Text)) return false;
        foreach (var offer in OfferWords.All(folded.Text))
        {
            var (start, end) = folded.Original(offer.Start, offer.End);
            if (ProhibitionContext.ReasonOf(text, start, end, BannedCategory.Advertising) is null) return true;
        }
        return false;
    }

    /// <summary>A digit as spammers spell one to get past number filters (「九八七六五」, 「壹叁玖」), or null.</summary>
    public static char? Digit(char c) => c switch
    {
        '零' or '〇' => '0',
        '一' or '壹' or '幺' => '1',
        '二' or '贰' => '2',
        '三' or '叁' => '3',
        '四' or '肆' => '4',
        '五' or '伍' => '5',
        '六' or '陆' => '6',
        '七' or '柒' => '7',
        '八' or '捌' => '8',
        '九' or '玖' => '9',
        _ => null,
    };
}
