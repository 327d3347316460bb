using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>
/// A mobile number the message gives as a contact rather than exposes: the poster's own (「我的手机号是…」, 「我换号了，新号码…」)
/// or the contact of a notice (「联系人：王老师，电话…」, 「校医室电话：…」, 「报名咨询请联系教务处刘老师，电话…」). Someone
/// else's number posted for its own sake (「李老师的手机号是…」) is still their personal data (他人个人信息), and a number
/// posted with a grudge (打爆, 骂, 骗子, 欠钱, 人肉, 曝光) is never a contact.
/// </summary>
internal static class ContactContext
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；!?;\n");

    private static readonly Vocabulary Own = new(
        "我的手机", "我的电话", "我的号码", "我的新号", "我的工作电话", "我的办公电话", "我的联系电话", "我手机", "我电话", "换手机号",
        "换号", "新号码", "本人电话", "本人手机", "本人联系", "打我电话");

    private static readonly Vocabulary Notice = new(
        "联系人", "联系电话", "咨询电话", "报名电话", "值班电话", "办公电话", "服务电话", "热线", "请联系", "可联系", "咨询请",
        "室电话", "处电话", "中心电话", "办电话", "科电话");

    private static readonly Vocabulary Grudge = new(
        "打爆", "骂", "骗子", "欠钱", "不还", "人肉", "曝光", "出轨", "算账", "评评理", "骚扰", "老赖", "跑路");

    /// <summary>The words that give the number at <paramref name="start"/> as a contact (「我的手机号」, 「联系人」), or null.</summary>
    public static string? MarkerOf(string text, int start)
    {
        var sentence = text.AsSpan(0, start).LastIndexOfAny(SentenceEnds) + 1;
        var before = TextNormalizer.Normalize(text.AsSpan(sentence, start - sentence));
        if (!Own.In(before) && !Notice.In(before)) return null;
        if (Grudge.In(TextNormalizer.Normalize(text))) return null;
        var found = Own.All(before);
        found.AddRange(Notice.All(before));
        return found.OrderByDescending(o => o.Start).First().Word;
    }
}
