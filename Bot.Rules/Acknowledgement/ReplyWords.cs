using System.Text.RegularExpressions;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// The words people put around a reply on their phones, folded as <see cref="ReplyText.Core"/> is. Written from how
/// teachers and staff answer in work groups: an opener (「好的，」「收到！」「王主任：」), the phrase, a closer
/// (「坚决执行」「谢谢」), emoji anywhere.
/// </summary>
internal static class ReplyWords
{
    /// <summary>What may stand before the phrase without changing what the reply says.</summary>
    public static readonly HashSet<string> Openers = Folded(
        "好的", "好", "好嘞", "好滴", "好哒", "收到", "收", "明白", "明白了", "了解", "知道了", "ok", "okay", "已阅", "已读", "阅",
        "嗯", "嗯嗯", "是", "是的", "遵命", "回复", "收到请回复", "各位", "各位老师", "各位领导", "领导", "老师", "您好", "你好",
        "大家好", "老师好", "领导好", "谢谢", "坚决执行", "报告", "收到了", "不好意思", "抱歉", "对不起");

    /// <summary>What may follow the phrase: the optional 「坚决执行」, thanks, a promise.</summary>
    public static readonly HashSet<string> Closers = Folded(
        "坚决执行", "坚决完成", "谢谢", "谢谢领导", "谢谢老师", "谢谢主任", "收到", "好的", "遵命", "保证完成任务", "保证完成", "一定",
        "马上办", "请放心", "放心", "辛苦了", "辛苦", "了", "啦");

    /// <summary>A reply made only of these words (and emoji) is an acknowledgement in substance, though not the phrase.</summary>
    public static readonly HashSet<string> Acknowledgements = Folded(
        "收到", "收", "好的", "好", "好嘞", "好滴", "好哒", "明白", "明白了", "了解", "知道了", "知道", "ok", "okay", "已阅", "已读", "阅",
        "嗯", "嗯嗯", "遵命", "没问题", "1", "已收到", "已知晓", "知晓", "我已知晓", "已知", "马上照办", "照办", "马上办", "马上执行",
        "立即执行", "坚决执行", "一定照办", "保证完成", "收到谢谢", "马上", "立即照办", "执行", "知悉", "已知悉", "收到啦", "收到了", "收到哦",
        "okk", "哦", "哦哦", "对", "对的", "放心", "放心吧");

    /// <summary>WeCom's emoji codes that mean 「got it」: [OK] [强] [抱拳] [握手] [好的] [收到] [合十] [胜利] [拳头] [耶].</summary>
    public static readonly HashSet<string> AckEmojiCodes = Folded("ok", "强", "抱拳", "握手", "好的", "收到", "合十", "胜利", "拳头", "耶", "玫瑰", "鼓掌");

    /// <summary>Unicode emoji that mean 「got it」.</summary>
    public static readonly string[] AckEmoji = ["👌", "👍", "🙏", "🤝", "✊", "💪", "✅", "☑", "✔", "🫡", "🆗"];

    /// <summary>
    /// Characters that turn a reply around or make it a request or report: a negation (「我不知晓」), a question
    /// particle, a verb of speaking (「张老师说：」), another person (「你已知晓，马上照办」 is said to someone). A name,
    /// a signature or a one-character slip may never contain them.
    /// </summary>
    public const string Turning = "不没未别非无莫勿否吗呢么嘛说问讲要请让叫你您他她";

    /// <summary>What a remainder after the phrase may start with that takes the phrase back (「…照办，不可能」).</summary>
    public static readonly string[] TakeBack = Folded("不行", "不能", "不会", "不可能", "做不到", "办不到", "没法", "无法", "不了", "不去", "不照办", "开玩笑").ToArray();

    /// <summary>What a remainder after the phrase may start with that makes the phrase its subject (「…”是什么意思」).</summary>
    public static readonly string[] ReferBack = Folded("是", "的", "这", "那", "这句", "这个", "这话").ToArray();

    /// <summary>
    /// Words that, in the sentence before the phrase, make it asked for or reported rather than said: 「请各位回复，」
    /// 「张老师说，」「让大家」「要求」. Courtesy (「不好意思」「辛苦了」「没问题」) is not among them.
    /// </summary>
    public static readonly string[] Introducers = Folded("请", "说", "问", "讲", "让", "叫", "要求", "告诉", "通知", "转发", "提醒").ToArray();

    /// <summary>Courtesy that happens to hold an <see cref="Introducers"/> word: 「请放心」 asks for nothing, 「没问题」 asks nothing.</summary>
    public static readonly string[] CourtesyWithIntroducer = Folded("没问题", "没有问题", "请放心", "请领导放心", "请主任放心", "请您放心", "说实话").ToArray();

    /// <summary>What a question after the phrase asks about the phrase itself (「…，对吗？」「…，是这样回复吗」).</summary>
    public static readonly string[] AboutPhrase = Folded("意思", "这样", "这么", "这句", "对吗", "是吗", "行吗", "可以吗", "好吗", "对不对", "是不是", "回复").ToArray();

    /// <summary>How a member opens a question of their own (「请问…」): what follows is new business.</summary>
    public const string PoliteAsk = "请问";

    /// <summary>Words that make a short remainder a question even without a question mark.</summary>
    public static readonly string[] QuestionWords = Folded("什么", "怎么", "为什么", "为何", "啥", "是否", "意思", "哪", "几", "吗", "呢").ToArray();

    /// <summary>A name with a title, as people sign or address: 「周老师」「三年级王主任」「李组长」.</summary>
    public static readonly Regex Titled = new(
        "^[\\p{L}\\p{N}]{1,6}(老师|主任|校长|副校长|组长|班主任|书记|园长|经理|总监|主管|科长|处长|部长|会计|医生|护士|师傅|阿姨|干事|同志|总)$",
        RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout); // bounded and fixed: see ReplyText

    /// <summary>The longest word of the vocabularies; a name signed before a colon may be up to this long.</summary>
    public const int MaxSignature = 12;

    private static HashSet<string> Folded(params string[] words) => words.Select(ReplyText.Fold).ToHashSet(StringComparer.Ordinal);
}
