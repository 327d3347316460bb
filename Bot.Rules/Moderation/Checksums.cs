namespace Bot.Rules.Moderation;

/// <summary>Check digits of the numbers <see cref="PrivacyDetector"/> looks for; digits are ASCII, 'x' lower case.</summary>
public static class Checksums
{
    private static ReadOnlySpan<byte> IdWeights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10x98765432";

    /// <summary>
    /// GB 11643: a region (first digit 1–8), a birth date that exists, three digits, and an ISO 7064 MOD 11-2 check
    /// character (0–9 or X). The date matters: an order number (「202411250930157721」) passes the check digit one time in
    /// eleven, almost never the calendar.
    /// </summary>
    public static bool IsValidResidentId(ReadOnlySpan<char> id)
    {
        if (id.Length != 18 || id[0] is < '1' or > '8' || !IsBirthDate(id.Slice(6, 8)))
            return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
                return false;
            sum += (id[i] - '0') * IdWeights[i];
        }
        return char.ToLowerInvariant(id[17]) == IdCheck[sum % 11];
    }

    /// <summary>
    /// A bank card number: issued by a network whose cards circulate in China (UnionPay 62, Visa 4, Mastercard 5, JCB 35)
    /// and passing Luhn, which one number in ten passes by chance (order numbers, 「20241125…」, do not start so).
    /// </summary>
    public static bool IsBankCard(ReadOnlySpan<char> digits) =>
        (digits.StartsWith("62") || digits[0] is '4' or '5' || digits.StartsWith("35")) && PassesLuhn(digits);

    private static bool IsBirthDate(ReadOnlySpan<char> yyyymmdd)
    {
        foreach (var c in yyyymmdd)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        var year = int.Parse(yyyymmdd[..4], provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(yyyymmdd.Slice(4, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(yyyymmdd.Slice(6, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        return year is >= 1900 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i]))
                return false;
            var d = digits[i] - '0';
            if (doubled && (d *= 2) > 9)
                d -= 9;
            sum += d;
            doubled = !doubled;
        }
        return digits.Length > 0 && sum % 10 == 0;
    }
}
