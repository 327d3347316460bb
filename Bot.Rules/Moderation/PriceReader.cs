namespace Bot.Rules.Moderation;

/// <summary>
/// Prices as sellers write them, in folded text: 「九块九」, 「99元」 (「9.9元」 folded), 「一百二十九元」, a price after its
/// unit (「一斤五十」, 「十斤装六十八」, 「一节课一百五」), after 原价/只要 (「原价二百九」), and 「满199减30」.
/// </summary>
internal static class PriceReader
{
    private const string ChineseDigits = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟";

    private static readonly Vocabulary Currency = new("元", "块钱", "块", "毛", "rmb");

    private static readonly Vocabulary Units = new(
        "斤", "公斤", "盒", "罐", "箱", "袋", "瓶", "包", "饼", "双", "件", "套", "份", "支", "张", "个", "次", "节课", "节", "小时",
        "部", "条", "科", "组", "晚", "桶", "台", "本");

    private static readonly Vocabulary PriceLeads = new("原价", "现价", "只要", "仅需", "仅售", "特价", "秒杀价", "活动价", "团购价", "批发价", "到手价");

    // A number followed by these counts things, not money: 「一节课四十分钟」, 「一次三十个」.
    private const string NotMoney = "分秒天页道题个人名米岁度斤次遍周年月号班本张字级楼层栋排";

    /// <summary>The first price, as a folded span, or null; <paramref name="perUnit"/> says it was given per unit.</summary>
    public static (int Start, int End)? Find(ReadOnlySpan<char> text, out bool perUnit)
    {
        perUnit = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsNumeral(text[i]) || (i > 0 && IsNumeral(text[i - 1]))) continue;
            var end = NumberEnd(text, i);
            if (Currency.At(text, end) is { } currency)
            {
                var after = end + currency.Length;
                return (i, after < text.Length && IsNumeral(text[after]) ? NumberEnd(text, after) : after);
            }
            if (Units.At(text, end) is { } unit && UnitPrice(text, end + unit.Length) is { } price)
            {
                perUnit = true;
                return (i, price);
            }
            if (text[..i].EndsWith("满") && end < text.Length && text[end] == '减' && end + 1 < text.Length && IsNumeral(text[end + 1]))
                return (i - 1, NumberEnd(text, end + 1));
            if (LeadsTo(text, i) && CountsMoney(text, end)) return (i, end);
        }
        return null;
    }

    // 「斤装六十八」, 「一饼只要两百八」: a number of money right after a unit, not one that counts something else.
    private static int? UnitPrice(ReadOnlySpan<char> text, int i)
    {
        if (i < text.Length && text[i] == '装') i++;
        if (PriceLeads.At(text, i) is { } lead) i += lead.Length;
        if (i >= text.Length || !IsNumeral(text[i])) return null;
        var end = NumberEnd(text, i);
        var number = text[i..end];
        var sizeable = number.Length >= 2 || number.ContainsAny("十百千");
        return sizeable && CountsMoney(text, end) ? end : null;
    }

    private static bool CountsMoney(ReadOnlySpan<char> text, int end) =>
        end >= text.Length || !NotMoney.Contains(text[end], StringComparison.Ordinal);

    private static bool LeadsTo(ReadOnlySpan<char> text, int i)
    {
        foreach (var lead in PriceLeads.Words)
        {
            if (text[..i].EndsWith(lead, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static int NumberEnd(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsNumeral(text[i])) i++;
        return i;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || ChineseDigits.Contains(c, StringComparison.Ordinal);
}
