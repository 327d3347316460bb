namespace Bot.Rules.Moderation;

/// <summary>Check digits of the numbers <see cref="PrivacyDetector"/> looks for; digits are ASCII, 'x' lower case.</summary>
public static class Checksums
{
    private static ReadOnlySpan<byte> IdWeights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheck = "10x98765432";

    /// <summary>GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character (0–9 or X).</summary>
    public static bool IsValidResidentId(ReadOnlySpan<char> id)
    {
        if (id.Length != 18)
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
