namespace Bot.Rules.Moderation;

/// <summary>
/// The two-cue readings of <see cref="PhraseDetectors"/>, by category. Each was written against the misses of the main
/// corpus, with the ordinary sentences of both corpora's benign lines as counter-examples (the reasons for what is left
/// out are beside the words).
/// </summary>
internal static class CuePairs
{
    // Death, crime and disaster: what a scare rumour is about, grave enough that hearsay of it alone is the rumour
    // (「听说隔壁小区有人贩子抢小孩」). Not 取消/延期/停课/收费 (school news), 停水/停电 (announced every week) nor 疫苗
    // (「听说这次疫苗是进口的」), which hearsay about is not a rumour.
    private static readonly Vocabulary GraveScare = new(
        "死了", "死人", "死亡", "猝死", "身亡", "尸体", "遇难", "杀人", "杀了", "打死", "跳楼", "自杀", "肺结核", "白血病", "癌",
        "投毒", "毒品", "罂粟", "迷药", "地震", "海啸", "泄洪", "爆炸", "炸弹", "封城", "被拐", "拐走", "拐卖", "拐骗", "抢孩子",
        "抢小孩", "偷孩子", "偷小孩", "人贩子", "绑架", "抢劫", "地沟油", "三聚氰胺", "致癌", "自闭症", "变笨", "变傻", "怪胎",
        "畸形", "不孕", "避孕药", "艾滋", "割肾", "失踪");

    // Illness and pollution: parents pass on what they heard of it every winter (「听说好几个班的孩子被传染了流感，
    // 大家注意」), so plain 听说 is not enough; a rumour's own voice is (Sensational, below).
    private static readonly Vocabulary MildScare = new(
        "病毒", "传染", "感染", "中毒", "有毒", "被抓", "甲醛", "超标", "污染", "上瘾", "辐射", "抢救", "昏迷");

    private static readonly Vocabulary Scare = new([.. GraveScare.Words, .. MildScare.Words]);

    private static readonly Vocabulary Hearsay = new(
        "听说", "据说", "听人说", "有人说", "据传", "传言", "网传", "疯传", "传疯", "都在传", "小道消息", "内部消息", "内部人士",
        "据内部", "据可靠", "可靠消息", "消息可靠", "绝对可靠", "千真万确", "消息来源", "新闻都不报", "不让说", "不让报", "封锁消息",
        "有图有真相", "爆料", "重磅", "震惊", "刚收到", "刚看到", "刚听说", "刚才看到", "最新消息", "紧急消息", "重要消息",
        "朋友说", "亲戚说", "同事说");

    // Hearsay that claims secret or certain knowledge, as a rumour does and a worried parent does not.
    private static readonly Vocabulary Sensational = new(
        "网传", "疯传", "传疯", "都在传", "小道消息", "内部消息", "内部人士", "据内部", "据可靠", "可靠消息", "消息可靠", "绝对可靠",
        "千真万确", "消息来源", "新闻都不报", "不让说", "不让报", "封锁消息", "有图有真相", "爆料", "重磅", "震惊", "紧急消息");

    // Not 转告/相互转告: that is how teachers pass on the school's own notices.
    private static readonly Vocabulary Spread = new("扩散", "转发", "转给", "快转", "转一下", "转起来", "让更多人知道", "告诉身边", "都转");

    // The school's own voice, not 学校 (「学校附近有人用迷药…」 is about the school, not from it).
    private static readonly Vocabulary OfficialSource = new(
        "通知", "预警", "预报", "教育局", "全校", "本校", "我校", "气象", "官方", "官网", "公告", "卫健委", "疾控", "公安",
        "派出所", "辟谣", "核实", "谣言", "温馨提示", "提示", "防控", "预防", "指南", "知识", "倡议");

    private static readonly Vocabulary ExamPaper = new("试卷", "卷子", "考卷", "试题", "考题", "真题", "原题", "作文题", "听力原文", "押题");

    private static readonly Vocabulary ExamAnswer = new("答案", "题目");

    // 考 alone would take 参考答案 (a workbook's answer key) for an exam's.
    private static readonly Vocabulary Exam = new(
        "考试", "月考", "期中", "期末", "中考", "高考", "统考", "联考", "会考", "竞赛", "测试", "测验", "四六级", "考前", "开考", "考场",
        "单元测", "入学考");

    // Not 拿到 (班长到教务处拿到卷子), 拍下来 (请把订正后的试卷拍下来), 私我/说一声 (卷子不够的说一声), 考前发/提前发
    // (考前十分钟发放试卷).
    private static readonly Vocabulary ExamObtained = new(
        "弄到", "搞到", "到手", "流出", "泄露", "泄题", "漏题", "外泄", "偷拍", "拷出来", "偷到", "偷来", "打听到", "内部渠道",
        "出题组", "提前拿到", "开考前");

    // Not 卖 alone (这套真题书店有卖), nor 百分百 (百分百是课本原题).
    private static readonly Vocabulary ExamSold = new("出售", "卖给", "转卖", "倒卖", "高价", "花钱", "给钱", "要钱", "保真", "包过", "一科");

    // Not 成绩单 sent to parents, nor 病历 asked for a sick note: only what is obtained, sold or spread.
    private static readonly Vocabulary PrivateRecords = new(
        "客户名单", "客户资料", "客户信息", "客户电话", "家长电话", "家长信息", "家长联系方式", "家长的电话", "学生信息", "电话号码表",
        "通讯录", "联系方式表", "工资表", "工资单", "裁员名单", "调薪方案", "内部文件", "内部资料", "机密文件", "图纸", "底价",
        "标底", "成绩单", "病历", "身份证照片", "身份证正反面", "身份证复印件", "家庭住址", "开房记录", "手机定位", "身份信息",
        "户籍信息");

    // Not 导出/拷出/打包 (把客户名单导出来发我), 一条 (客户信息一条一条核对), 卖 alone.
    private static readonly Vocabulary RecordsLeaked = new(
        "外传", "外泄", "泄露", "卖给", "可以卖", "转卖", "倒卖", "出售", "搞到", "弄到", "偷拍", "曝光", "谁要", "有人要", "给钱", "人肉");

    private static readonly Vocabulary ClickAction = new(
        "砍一刀", "砍一下", "帮我砍", "助力", "点一下", "帮我点", "帮忙点", "点进去", "点这个", "点链接", "点击链接", "点击下方链接",
        "点开链接", "扫码关注", "关注一下", "关注公众号", "转发到", "转发这条", "转到朋友圈", "转发朋友圈", "发朋友圈",
        "集赞", "截图给我", "长按识别", "长按二维码", "识别二维码", "邀请码", "下载app", "填写手机号");

    // Not 就差/还差 (还差三位家长没填，请点开链接填写), 奖品/奖励 (关注学校公众号参与答题，有机会获得奖品), and no
    // 注册 among the actions (注册继续教育平台).
    private static readonly Vocabulary ClickReward = new(
        "红包", "现金", "提现", "话费", "流量", "礼品", "礼物", "免费领", "免费拿", "免费送", "免费得", "领取课程",
        "领课程", "领资料", "领取资料", "领钱", "能领", "可领", "即可领取", "送一份", "返现", "返利", "差最后", "最后一刀", "差一刀");

    private static readonly Vocabulary HelpPlea = new("助力", "砍一刀", "砍一下", "帮我砍", "砍价");

    private static readonly Vocabulary Begging = new("就差", "还差", "差一", "跪求", "求求", "拜托");

    private static readonly Vocabulary SexService = new("特殊服务", "包夜", "陪睡", "楼凤", "莞式", "学生妹", "嫩模", "全套服务", "少妇");

    private static readonly Vocabulary SexServiceTerms = new(
        "酒店", "宾馆", "旅馆", "上门", "懂的", "懂得", "私发", "过夜", "一晚", "照片", "同城", "附近", "电话联系", "全套", "价格",
        "一次", "满意");

    private static readonly Vocabulary Hookup = new("约吗", "约不约", "约一下", "约p", "快活");

    // Not 附近 (明天下午小区附近约吗，带孩子一起玩).
    private static readonly Vocabulary HookupPlace = new("酒店", "宾馆", "旅馆", "房间", "过夜", "寂寞");

    // Parents arranging to meet with their children (「周末带孩子去酒店吃饭，约吗」).
    private static readonly Vocabulary Children = new("孩子", "带娃", "娃", "小朋友", "宝宝", "儿子", "女儿");

    private static readonly Vocabulary Explicit = new("尺度大", "尺度很大", "尺度超大", "大尺度", "尺度无下限", "什么都露", "脱衣", "露点");

    private static readonly Vocabulary Show = new("直播", "主播", "视频", "表演", "美女", "小姐姐", "链接", "快去看", "资源");

    private static readonly Vocabulary Subvert = new("颠覆", "推翻", "打倒");

    // Not 制度 alone (颠覆传统的考试制度).
    private static readonly Vocabulary Regime = new("政权", "政府", "共产党", "中共", "国家", "社会主义制度", "现在的制度", "这个制度", "现行制度");

    // History lessons: 辛亥革命推翻了清政府, 打倒国民党反动派.
    private static readonly Vocabulary History = new("封建", "清政府", "清朝", "满清", "帝制", "辛亥", "历史", "旧社会", "国民党", "反动派", "三座大山");

    private static readonly Vocabulary Loan = new("贷款", "网贷", "借款", "下款", "放款", "能贷", "可贷");

    // Not 到账 alone (助学贷款今天到账了).
    private static readonly Vocabulary LoanBait = new(
        "当天", "秒", "无抵押", "不看征信", "不查征信", "凭身份证", "身份证就能", "低息", "月息", "日息", "额度", "利息低", "审批快",
        "黑户", "急用钱");

    private static readonly Vocabulary LoanLegit = new("助学", "公积金");

    private static readonly Vocabulary Opening = new("开业", "开张", "店庆", "周年庆", "大酬宾", "新店");

    private static readonly Vocabulary OpeningDeal = new("折", "半价", "优惠", "免费", "特价", "酬宾", "送", "到店");

    // The owner's voice or a way to reach them: a parent telling others of a new shop (「新开的书店开业，全场八折，
    // 可以带孩子去看看」) has neither.
    private static readonly Vocabulary ShopOwner = new(
        "本人", "本店", "我店", "我的店", "我家店", "我们店", "我开了", "欢迎光临", "欢迎新老", "预约", "扫码", "加我", "私我", "私聊", "电话");

    public static readonly CuePair[] All =
    [
        new("rumor: scare + hearsay", BannedCategory.Rumor, GraveScare, Hearsay, Excused: MessageText.EndsAsQuestion),
        new("rumor: scare + sensational hearsay", BannedCategory.Rumor, MildScare, Sensational, Excused: MessageText.EndsAsQuestion),
        new("rumor: scare + spread it", BannedCategory.Rumor, Scare, Spread, Unless: OfficialSource),
        new("exam leak: paper + obtained", BannedCategory.Leak, ExamPaper, ExamObtained, Excused: MessageText.ReadsAsStatute),
        new("exam leak: paper + for sale", BannedCategory.Leak, ExamPaper, ExamSold, Excused: MessageText.ReadsAsStatute),
        new("exam leak: answers + obtained", BannedCategory.Leak, ExamAnswer, ExamObtained, Requires: Exam, Excused: MessageText.ReadsAsStatute),
        new("exam leak: answers + for sale", BannedCategory.Leak, ExamAnswer, ExamSold, Requires: Exam, Excused: MessageText.ReadsAsStatute),
        new("records leak: records + spread or sold", BannedCategory.Leak, PrivateRecords, RecordsLeaked, Excused: MessageText.ReadsAsStatute),
        new("click bait: action + reward", BannedCategory.Advertising, ClickAction, ClickReward),
        new("click bait: help + begging", BannedCategory.Advertising, HelpPlea, Begging),
        new("loan offer: loan + no checks", BannedCategory.Advertising, Loan, LoanBait, Unless: LoanLegit),
        new("shop promotion: opening + deal", BannedCategory.Advertising, Opening, OpeningDeal, Reach: 20, Requires: ShopOwner),
        new("sex service: service + terms", BannedCategory.Obscenity, SexService, SexServiceTerms),
        new("sex service: hookup + place", BannedCategory.Obscenity, Hookup, HookupPlace, Unless: Children),
        new("sex service: explicit + show", BannedCategory.Obscenity, Explicit, Show),
        new("subversion: overthrow + regime", BannedCategory.Political, Subvert, Regime, Reach: 6, Unless: History, Excused: MessageText.ReadsAsStatute),
    ];
}
