namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/people/{userId}</c>; checked by <see cref="People.PersonRules"/> like every other person.</summary>
public sealed record PersonInput(string? Name, string? Department, string? Supervisor, string? Role)
{
    public const int MaxUserId = 64;

    /// <summary>WeCom user ids are short and have no spaces or control characters.</summary>
    public static string? UserIdProblem(string userId) =>
        userId.Length == 0 ? "is required"
        : userId.Length > MaxUserId ? $"must be at most {MaxUserId} characters"
        : userId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "must not contain spaces or control characters"
        : null;

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
