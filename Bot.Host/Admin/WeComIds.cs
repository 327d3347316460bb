using System.Text.RegularExpressions;

namespace Bot.Host.Admin;

/// <summary>
/// The one rule for user and chat ids, wherever they enter (admin API, dashboard forms, CSV imports): WeCom's own
/// alphabet for a userid — ASCII letters, digits and <c>_ - . @</c>, starting with a letter or digit — so no id can hold
/// a control, format or bidi character (U+202E, U+200B…), a space, or a letter that looks like another (Cyrillic а,
/// full-width ｗ): no id is a visual twin of another, and none breaks a log line or an export.
/// </summary>
public static partial class WeComIds
{
    public const int MaxUserId = 64;
    public const int MaxChatId = 128;

    public const string Rule = "letters, digits and _ - . @, starting with a letter or digit";
    public const string RuleZh = "只能包含英文字母、数字和 _ - . @，并以字母或数字开头";

    public static bool IsUserId(string? id) => Problem(id, MaxUserId) is null;

    public static bool IsChatId(string? id) => Problem(id, MaxChatId) is null;

    /// <summary>What is wrong with <paramref name="id"/> as a user id (for the API's answer), or null.</summary>
    public static string? UserIdProblem(string? id) => Problem(id, MaxUserId);

    public static string? ChatIdProblem(string? id) => Problem(id, MaxChatId);

    private static string? Problem(string? id, int maxLength) =>
        string.IsNullOrEmpty(id) ? "is required"
        : id.Length > maxLength ? $"must be at most {maxLength} characters"
        : !Alphabet().IsMatch(id) ? $"must be {Rule}"
        : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.@-]*$")]
    private static partial Regex Alphabet();
}
