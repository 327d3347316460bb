using System.Buffers;

namespace Bot.Rules.Moderation;

/// <summary>
/// A mobile number or e-mail address the message gives as a contact rather than exposes: the poster's own (「我的手机号是…」,
/// 「我换号了，新号码…」, 「我的邮箱是…，请把课件发给我」) or the contact of a notice (「联系人：王老师，电话…」, 「校医室电话：…」,
/// 「报名咨询请联系教务处刘老师，电话…」), or a member of staff's number given for parents to reach them
/// (「体育老师的电话是…，运动会报名的事可以直接找他」, 「班主任张老师的手机：…，请家长保存」). Someone else's number posted for
/// its own sake (「李老师的手机号是…」) is still their personal data (他人个人信息), and a number posted with a grudge
/// (打爆, 骂, 骗子, 欠钱, 人肉, 曝光) is never a contact.
/// </summary>
internal static class ContactContext
{
    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("。！？；!?;\n");

    private static readonly Vocabulary Own = new(
        "我的手机", "我的电话", "我的号码", "我的新号", "我的工作电话", "我的办公电话", "我的联系电话", "我手机", "我电话", "换手机号",
        "换号", "新号码", "本人电话", "本人手机", "本人联系", "打我电话", "我的邮箱", "我的工作邮箱", "我邮箱", "本人邮箱");

    private static readonly Vocabulary Notice = new(
        "联系人", "联系电话", "咨询电话", "报名电话", "值班电话", "办公电话", "服务电话", "热线", "请联系", "可联系", "咨询请",
        "室电话", "处电话", "中心电话", "办电话", "科电话", "联系邮箱", "投稿邮箱", "报名邮箱", "咨询邮箱");

    // Whose number a school gives out for parents to use, and the words that give it for that use.
    private static readonly Vocabulary Staff = new(
        "老师", "班主任", "主任", "校长", "校医", "医生", "教练", "辅导员", "门卫", "保安", "宿管", "阿姨", "师傅", "会计", "干事");

    private static readonly Vocabulary Purpose = new(
        "找他", "找她", "联系他", "联系她", "请家长保存", "请大家保存", "请保存", "请各位家长保存", "存一下",
        "有事可以", "有事请", "可以直接联系", "方便联系");

    private static readonly Vocabulary Private = new("私人", "私下", "家里", "家庭", "住址", "老婆", "老公", "爱人");

    private static readonly Vocabulary Grudge = new(
        "打爆", "骂", "骗子", "欠钱", "不还", "人肉", "曝光", "出轨", "算账", "评评理", "骚扰", "老赖", "跑路");

    /// <summary>The words that give the number or address at <paramref name="start"/> as a contact (「我的手机号」, 「联系人」), or null.</summary>
    public static string? MarkerOf(string text, int start)
    {
        var sentence = text.AsSpan(0, start).LastIndexOfAny(SentenceEnds) + 1;
        var before = TextNormalizer.Normalize(text.AsSpan(sentence, start - sentence));
        if (Grudge.In(TextNormalizer.Normalize(text))) return null;
        if (Own.In(before) || Notice.In(before))
        {
            var found = Own.All(before);
            found.AddRange(Notice.All(before));
            return found.OrderByDescending(o => o.Start).First().Word;
        }

        // 「张主任的私人邮箱…，有事直接找他」 hands out what the person keeps to themselves: no purpose makes that a contact.
        if (!Staff.In(before) || Private.In(before)) return null;
        var next = text.AsSpan(start).IndexOfAny(SentenceEnds);
        var after = TextNormalizer.Normalize(next < 0 ? text.AsSpan(start) : text.AsSpan(start, next));
        var purpose = Purpose.All(after);
        return purpose.Count > 0 ? purpose[0].Word : null;
    }
}
