using System.Text.RegularExpressions;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// Whether a message from a member who was reminded and still owes the reply is their 情况说明. People rarely head it
/// 「情况说明：」; they apologise (「抱歉」「不好意思」), say why (「请病假在医院输液」「在监考，手机上交了」) or that
/// they missed it (「没看到」「刚看到」). Reporting a member who did explain is a false accusation, so a doubtful
/// explanation counts; a bare 「收到」 or a question about something else (「明天开会吗？」) does not.
/// </summary>
internal static partial class SituationReports
{
    // Words that explain even inside a question: an apology, or saying the message was missed.
    private static readonly string[] Owning =
    [
        "抱歉", "不好意思", "对不起", "见谅", "致歉", "说明一下", "解释一下", "说明下",
        "没看到", "没有看到", "未看到", "没看见", "刚看到", "刚刚看到", "才看到", "刚才看到", "漏看", "没注意到",
        "没及时回", "没有及时回", "未及时回", "未能及时", "没能及时", "不能及时", "忘了回", "忘记回",
        "才看见", "刚看见", "没注意", "回复晚了", "回晚了", "看晚了", "回复迟了", "请谅解", "谅解", "没收到", "信号不好",
    ];

    // Reasons and absences: they explain in a statement, not in a question (「今天下午开会吗？」 asks, it explains nothing).
    private static readonly string[] Reasons =
    [
        "请假", "请了", "病假", "事假", "年假", "休假", "补休", "调休", "在医院", "住院", "输液", "看病", "生病", "发烧", "医院", "陪护",
        "上课", "监考", "阅卷", "听课", "跟岗", "学习", "值班", "开会", "出差", "外出", "培训", "带学生", "运动会", "比赛",
        "坐车", "开车", "路上", "因为", "由于",
    ];

    private static readonly string[] FoldedOwning = [.. Owning.Select(ReplyText.Fold)];
    private static readonly string[] FoldedReasons = [.. Reasons.Select(ReplyText.Fold)];

    /// <summary>
    /// What makes <paramref name="text"/> a 情况说明 (a policy marker such as 「情况说明」, or the word that explains),
    /// or <c>null</c> when it explains nothing.
    /// </summary>
    public static string? Reason(string text, IReadOnlyList<string> markers, IReadOnlyCollection<string> names)
    {
        if (Markers.Find(text, markers) is { } marker) return marker;

        var reading = ReplyText.Of(text, names);
        if (First(reading.Core, Owning, FoldedOwning) is { } owning) return owning;
        if (reading.Asked) return null;
        if (First(reading.Core, Reasons, FoldedReasons) is { } reason) return reason;
        return Phone().IsMatch(reading.Core) ? "手机" : null;
    }

    /// <summary>Whether the explanation says the whole phrase, in whatever words surround it.</summary>
    public static bool SaysPhrase(string text, string phrase, IReadOnlyCollection<string> names)
    {
        var wanted = ReplyText.Fold(phrase);
        return wanted.Length > 0 && ReplyText.Of(text, names).Core.Contains(wanted, StringComparison.Ordinal);
    }

    private static string? First(string core, string[] words, string[] folded)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (core.Contains(folded[i], StringComparison.Ordinal)) return words[i];
        }

        return null;
    }

    // The phone away or dead (「手机上交了」「手机没电」「没带手机」), not any mention of a phone (「手机号发我一下」).
    [GeneratedRegex("手机.{0,4}?(没电|上交|交了|交上去|坏|静音|不在|没带|丢|关机|欠费|信号|故障|充电|没网)|(没带|忘带|忘记带|没拿)手机")]
    private static partial Regex Phone();
}
