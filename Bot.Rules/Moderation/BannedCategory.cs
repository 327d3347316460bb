namespace Bot.Rules.Moderation;

/// <summary>The categories of content the source policies forbid (严禁……广告、不实谣言、淫秽段子、封建迷信、反动言论……).</summary>
public enum BannedCategory
{
    Advertising,
    Rumor,
    Obscenity,
    Gambling,
    Violence,
    Superstition,
    Political,
    Abuse,
    Leak,
}

/// <summary>Stable storage keys and Chinese display names of <see cref="BannedCategory"/>.</summary>
public static class BannedCategories
{
    public static IReadOnlyList<BannedCategory> All { get; } = Enum.GetValues<BannedCategory>();

    /// <summary>The key stored in the database and used as the list file name; never renamed.</summary>
    public static string Key(this BannedCategory category) => category switch
    {
        BannedCategory.Advertising => "advertising",
        BannedCategory.Rumor => "rumor",
        BannedCategory.Obscenity => "obscenity",
        BannedCategory.Gambling => "gambling",
        BannedCategory.Violence => "violence",
        BannedCategory.Superstition => "superstition",
        BannedCategory.Political => "political",
        BannedCategory.Abuse => "abuse",
        BannedCategory.Leak => "leak",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown banned category"),
    };

    /// <summary>The name a warning shows to people, in the source documents' own words.</summary>
    public static string DisplayName(this BannedCategory category) => category switch
    {
        BannedCategory.Advertising => "广告推销",
        BannedCategory.Rumor => "谣言/虚假信息",
        BannedCategory.Obscenity => "淫秽色情",
        BannedCategory.Gambling => "赌博",
        BannedCategory.Violence => "暴力恐怖",
        BannedCategory.Superstition => "封建迷信",
        BannedCategory.Political => "反动/政治有害",
        BannedCategory.Abuse => "辱骂/人身攻击",
        BannedCategory.Leak => "泄密（商业秘密、隐私）",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "unknown banned category"),
    };

    public static bool TryParseKey(string? key, out BannedCategory category)
    {
        foreach (var c in All)
        {
            if (string.Equals(c.Key(), key?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                category = c;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static BannedCategory ParseKey(string key) =>
        TryParseKey(key, out var category)
            ? category
            : throw new FormatException(
                $"'{key}' is not a banned category key; expected one of: {string.Join(", ", All.Select(c => c.Key()))}");
}
