namespace Bot.Rules.Moderation;

public enum PrivacyKind
{
    /// <summary>Mainland mobile number: 11 digits, 1[3-9]…, optionally after +86.</summary>
    Mobile,

    /// <summary>18-character resident ID number with a valid ISO 7064 MOD 11-2 check character.</summary>
    IdCard,

    /// <summary>16–19 digit bank card number that passes Luhn.</summary>
    BankCard,

    Email,
}

/// <summary>Personal data found in a message, at its position in the original text. Its category is always <see cref="BannedCategory.Leak"/>.</summary>
public readonly record struct PrivacyHit(int Start, int Length, PrivacyKind Kind)
{
    public int End => Start + Length;
    public static BannedCategory Category => BannedCategory.Leak;
}
