using System.Buffers;

namespace Bot.Rules.Acknowledgement;

/// <summary>What an inspection post says of a member it @-mentions.</summary>
public enum Finding
{
    /// <summary>A problem (「迟到10分钟，请整改」): the member owes the rectification phrase.</summary>
    Problem,
    /// <summary>Praise (「到岗准时，提出表扬」): the member owes nothing.</summary>
    Praise,
    /// <summary>Neither, or both: the bot cannot tell, and names nobody it cannot be sure of.</summary>
    Unclear,
}

/// <param name="Name">The name as written after the @.</param>
/// <param name="Clause">The words that speak of the member: from their @-run (or, for a sentence's first run, the sentence's
/// start) to the next @-run or the end of the sentence.</param>
public sealed record NamedClause(string Name, string Clause, Finding Finding);

/// <summary>
/// Reads an inspection post (三、群员职责 8) clause by clause, so that only members named for a problem owe a
/// rectification: 「@张老师 @陈老师 到岗准时，提出表扬；@刘老师 迟到10分钟，请整改。」 names 刘老师 alone. A sentence
/// ends at 「；。！？」 or a line break; within it, each @-run (「@张老师 @陈老师」) owns the words up to the next @-run.
/// When those words say nothing either way, the first run of a sentence takes the words before it
/// (「存在问题的老师：@张三 @李四」). Praise wins nothing by default: praise and a problem together are unclear, and an
/// unclear clause opens no duty, since accusing the praised is worse than missing the blamed.
/// </summary>
public static class InspectionClauses
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("；;。！!？?\n\r");
    private static readonly SearchValues<char> MentionEnds = SearchValues.Create(" \u2005\u3000\t，,：:、；;。！!？?\n\r");
    private const string Negations = "不未没无";

    /// <summary>
    /// A problem denied (「无迟到」「未发现问题」) or already put right (「已补交，不再扣分」「问题已整改完毕」) is praise; read
    /// before the problems they contain.
    /// </summary>
    private static readonly string[] Denied =
    [
        "问题已整改完毕", "问题已整改", "问题已解决", "已整改完毕", "整改完毕", "已整改", "已改正", "已纠正", "已补交", "已上交", "已补齐",
        "不再扣分", "不扣分了",
        "未发现问题", "没有发现问题", "没有问题", "无问题", "不存在问题", "未发现", "无迟到", "未迟到", "没有迟到", "从未迟到", "零迟到",
        "无违规", "未违规", "无违纪", "无缺勤", "无缺岗", "无扣分", "未扣分", "不扣分", "没有出现", "未出现", "未发生", "没有发生", "不存在",
    ];

    private static readonly string[] Problems = Longest(
        "整改", "存在问题", "问题", "迟到", "早退", "缺岗", "脱岗", "离岗", "空岗", "旷工", "旷课", "缺勤", "缺席", "缺", "未", "没有", "没",
        "不合格", "不达标", "不到位", "不规范", "不整洁", "不干净", "不认真", "不及时", "不准时", "不在岗", "扣分", "扣", "通报批评", "批评",
        "差", "违规", "违反", "违纪", "失职", "遗漏", "漏", "错误", "拖延", "滞后", "不足", "玩手机", "睡觉", "擅自", "私自", "脏", "乱");

    private static readonly string[] Praises = Longest(
        "表扬", "提出表扬", "予以表扬", "通报表扬", "准时", "按时", "认真", "优秀", "值得学习", "良好", "到位", "及时", "整洁", "干净",
        "好评", "点赞", "突出", "出色", "积极", "满分", "加分", "榜样", "典范", "肯定", "称赞", "赞扬", "很好", "较好", "做得好", "规范");

    /// <summary>Words before a praise word that make it an instruction (「请及时整改」), not praise.</summary>
    private static readonly string[] Asking = ["请", "要", "需", "务必", "应", "须"];

    /// <summary>Words after a praise word that make it an instruction (「及时整改」).</summary>
    private static readonly string[] Correcting = ["整改", "改正", "纠正", "补"];

    /// <summary>
    /// Every @-mention of one of <paramref name="names"/> (the longest that fits) or of a word ended by a space or
    /// punctuation, with what the post says of it, in the order written.
    /// </summary>
    public static List<NamedClause> Read(string text, IReadOnlyCollection<string> names)
    {
        var clauses = new List<NamedClause>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny(SentenceEnds);
            end = end < 0 ? text.Length : start + end + 1;
            ReadSentence(text[start..end], names, clauses);
            start = end;
        }

        return clauses;
    }

    /// <summary>Plainly what a clause says: a problem, praise, or unclear.</summary>
    public static Finding Judge(string clause)
    {
        var masked = clause.ToCharArray();
        var praise = Mask(masked, Denied);
        var problem = Mask(masked, Problems);
        foreach (var word in Praises)
        {
            for (var at = new string(masked).IndexOf(word, StringComparison.Ordinal); at >= 0; at = new string(masked).IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                var before = clause[..at];
                var after = clause[(at + word.Length)..];
                if (before.Length > 0 && Negations.Contains(before[^1])) problem = true;
                else if (!Asking.Any(before.EndsWith) && !Correcting.Any(after.StartsWith)) praise = true;
                for (var i = at; i < at + word.Length; i++) masked[i] = ' ';
            }
        }

        return (problem, praise) switch
        {
            (true, false) => Finding.Problem,
            (false, true) => Finding.Praise,
            _ => Finding.Unclear,
        };
    }

    private static void ReadSentence(string sentence, IReadOnlyCollection<string> names, List<NamedClause> clauses)
    {
        // Runs of @-mentions: each run's names and where the run starts and ends.
        var runs = new List<(List<string> Names, int Start, int End)>();
        for (var i = 0; i < sentence.Length; i++)
        {
            if (sentence[i] is not ('@' or '＠') || (i > 0 && char.IsLetterOrDigit(sentence[i - 1]))) continue;
            var (name, end) = Mention(sentence, i + 1, names);
            if (name.Length == 0) continue;
            var gap = runs.Count == 0 ? null : sentence[runs[^1].End..i];
            if (gap is not null && !gap.AsSpan().ContainsAnyExcept(MentionEnds)) runs[^1] = (runs[^1].Names.Append(name).ToList(), runs[^1].Start, end);
            else runs.Add(([name], i, end));
            i = end - 1;
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var (runNames, start, end) = runs[r];
            var own = sentence[end..(r + 1 < runs.Count ? runs[r + 1].Start : sentence.Length)];
            // The first run of a sentence keeps the words before it, the sentence's context (「七(3)班纪律较差，」).
            var clause = sentence[(r == 0 ? 0 : start)..(end + own.Length)];
            var finding = Judge(own);
            if (finding == Finding.Unclear && r == 0 && !Signals(own)) finding = Judge(sentence[..start]);

            clauses.AddRange(runNames.Select(n => new NamedClause(n, clause.Trim(), finding)));
        }
    }

    private static (string Name, int End) Mention(string text, int from, IReadOnlyCollection<string> names)
    {
        var known = names.Where(n => n.Length > 0 && text.AsSpan(from).StartsWith(n, StringComparison.Ordinal)).MaxBy(n => n.Length);
        if (known is not null) return (known, from + known.Length);
        var end = text.AsSpan(from).IndexOfAny(MentionEnds);
        end = end < 0 ? text.Length : from + end;
        return (text[from..end], end);
    }

    /// <summary>Whether a clause says anything at all, either way.</summary>
    private static bool Signals(string clause) =>
        Problems.Concat(Praises).Any(w => clause.Contains(w, StringComparison.Ordinal));

    private static bool Mask(char[] masked, string[] words)
    {
        var found = false;
        foreach (var word in words)
        {
            for (var at = new string(masked).IndexOf(word, StringComparison.Ordinal); at >= 0; at = new string(masked).IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                found = true;
                for (var i = at; i < at + word.Length; i++) masked[i] = ' ';
            }
        }

        return found;
    }

    private static string[] Longest(params string[] words) => [.. words.OrderByDescending(w => w.Length)];
}
