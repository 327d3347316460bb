using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>
/// Whether a hit only names a forbidden thing inside a prohibition or a warning, within the same clause:
/// 「(4)不得发布涉及赌博、色情、暴力等不良信息」, 「倡导文明上网，抵制网络低俗、暴力、色情等不良信息」,
/// 「谨防“刷单返利”骗局」, 「网络赌博是违法行为」. A school's rules name what they forbid, and the principal who posts them
/// breaks none of them.
/// </summary>
/// <remarks>
/// A clause ends at 。！？；， and line breaks (not at 、, which lists the things forbidden). A marker governs what
/// follows it (「不得…赌博」) or, for the few that judge what came before, what precedes it (「赌博…是违法的」). Markers
/// that do not forbid anything in that place are not read as markers: 「要不要」, 「不要错过」, 「不是诈骗」.
/// </remarks>
public static class ProhibitionContext
{
    /// <summary>Farthest a marker may stand from the word it governs, in characters.</summary>
    public const int MaxDistance = 40;

    private static readonly string[] Before =
    [
        "不得", "严禁", "禁止", "杜绝", "抵制", "远离", "谨防", "防范", "举报", "不要", "不能", "不准", "不许", "切勿", "请勿",
        "严防", "拒绝", "打击", "反对", "警惕", "提防", "取缔", "整治", "防止", "识破", "揭穿", "当心", "避免", "查处", "禁毒",
        "扫黄", "不参与", "不传播", "不发布", "不转发", "不轻信", "不信谣", "不传谣", "不点击", "不浏览", "不相信", "凡是",
        "如发现", "若发现", "一经发现", "识别", "破获", "打掉", "捣毁", "抓获", "不发", "不带", "不携带",
    ];

    private static readonly string[] After =
    [
        "违法", "犯罪", "诈骗", "骗局", "陷阱", "危害", "谣言", "不良信息", "有害信息", "违规", "零容忍", "一律禁止", "严禁", "禁止",
        "邪教", "举报", "报警", "请报告", "害人害己",
        // The thing first, then what not to do with it: 「客户资料请不要随便发给外人」, 「手机一律不得带入考场」.
        "请不要", "千万不要", "请勿", "切勿", "不得", "不准", "不许",
    ];

    // A clause that begins with these goes on listing what the clause before it forbids: 「严禁赌博活动，包括网络赌球」.
    private static readonly string[] Continuations = ["包括", "例如", "比如", "尤其是", "特别是", "如", "像"];

    // A word explained, not used: 「单词“gamble”，意思是赌博」, 「孩子问我赌博是什么意思」.
    private static readonly string[] Defining = ["意思是", "意思就是", "指的是"];
    private static readonly string[] Asking = ["是什么意思", "什么意思", "的意思", "是什么东西", "是啥意思"];

    private static readonly (char Open, char Close)[] Quotes = [('“', '”'), ('「', '」'), ('『', '』'), ('"', '"'), ('‘', '’'), ('《', '》')];

    // What turns a marker into something else: 「要不要一起去」, 「不要错过」, 「这不是诈骗」, 「不违法」.
    private static readonly string[] IdiomsAfterBuYao = ["错过", "犹豫", "担心", "怕", "钱", "押金", "客气", "急"];
    private static readonly string[] Negations = ["不是", "并非", "没有", "绝非", "不"];

    /// <summary>
    /// Why <c>text[start..end)</c> only names a forbidden thing: the prohibition's marker (「不得」); <c>quoted</c> for an
    /// insult or a threat in quotation marks, which reports what someone said (「同学骂他“废物”」, 「同学威胁说“放学别走”」);
    /// <c>mentioned</c> for a word explained (「…是什么意思」); null when it counts.
    /// </summary>
    public static string? ReasonOf(string text, int start, int end, BannedCategory category)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = Quoted(text, start, end);
        if (quoted && category is BannedCategory.Abuse or BannedCategory.Violence) return "quoted";
        if (Explained(text, start, end)) return "mentioned";
        var from = ClauseStart(text, start, Math.Max(0, start - MaxDistance), wholeSentence: quoted);
        var to = ClauseEnd(text, end, Math.Min(text.Length, end + MaxDistance), wholeSentence: quoted);
        var before = text.AsSpan(from, start - from);
        var after = text.AsSpan(end, to - end);
        foreach (var marker in Before)
        {
            // A quoted word is mentioned, not said: the warning about it may come after it (「“砍一刀”等链接，不要转发」).
            if (Forbids(before, marker, judgesWhatPrecedes: false) || (quoted && Forbids(after, marker, judgesWhatPrecedes: false))) return marker;
        }
        foreach (var marker in After)
        {
            if (Forbids(after, marker, judgesWhatPrecedes: true)) return marker;
        }
        return null;
    }

    private static bool Explained(string text, int start, int end)
    {
        var before = text.AsSpan(0, start).TrimEnd(" “「\"'‘");
        var after = text.AsSpan(end).TrimStart(" ”」\"'’");
        return EndsWithAny(before, Defining) || StartsWithAny(after, Asking);
    }

    private static bool Quoted(string text, int start, int end)
    {
        foreach (var (open, close) in Quotes)
        {
            var before = text.LastIndexOf(open, Math.Max(0, start - 1));
            if (before < 0 || start - before > MaxDistance || (open != close && text.IndexOf(close, before + 1) is var shut and >= 0 && shut < start)) continue;
            var after = text.IndexOf(close, end);
            if (after >= 0 && after - end <= MaxDistance && !text.AsSpan(before, after - before).ContainsAny(SentenceEnds)) return true;
        }
        return false;
    }

    private static bool Forbids(ReadOnlySpan<char> clause, string marker, bool judgesWhatPrecedes)
    {
        var offset = 0;
        while (clause[offset..].IndexOf(marker, StringComparison.Ordinal) is var found and >= 0)
        {
            var at = offset + found;
            var preceding = clause[..at];
            var following = clause[(at + marker.Length)..];
            var notForbidding = judgesWhatPrecedes
                ? EndsWithAny(preceding, Negations) || (marker.EndsWith("不要", StringComparison.Ordinal) && StartsWithAny(following, IdiomsAfterBuYao))
                : marker == "不要" && (preceding.EndsWith("要", StringComparison.Ordinal) || StartsWithAny(following, IdiomsAfterBuYao));
            if (!notForbidding) return true;
            offset = at + marker.Length;
        }
        return false;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> text, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (text.EndsWith(ending, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] beginnings)
    {
        foreach (var beginning in beginnings)
        {
            if (text.StartsWith(beginning, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static int ClauseStart(string text, int start, int limit, bool wholeSentence)
    {
        var i = start;
        while (true)
        {
            while (i > limit && !Ends(text[i - 1], wholeSentence)) i--;
            var continues = i > limit && Continuations.Any(c => text.AsSpan(i).TrimStart().StartsWith(c, StringComparison.Ordinal));
            if (!continues) return i;
            i--;
        }
    }

    private static int ClauseEnd(string text, int end, int limit, bool wholeSentence)
    {
        var i = end;
        while (i < limit && !Ends(text[i], wholeSentence)) i++;
        return i;
    }

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；!?;\n\r");

    private static bool Ends(char c, bool wholeSentence) =>
        SentenceEnds.Contains(c) || (!wholeSentence && c is '，' or ',');
}
