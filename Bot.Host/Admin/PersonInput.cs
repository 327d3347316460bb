namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/people/{userId}</c>.</summary>
public sealed record PersonInput(string? Name, string? Department, string? Supervisor, string? Role)
{
    public const int MaxName = 64;
    public const int MaxDepartment = 128;

    public static readonly IReadOnlyList<string> Roles = ["principal", "admin"];

    /// <summary>The first problem as (field, why), or null when the person can be stored.</summary>
    public static (string Field, string Problem)? Check(string userId, string? name, string? department, string? supervisor, string? role)
    {
        if (WeComIds.UserIdProblem(userId) is { } badId) return ("userId", badId);
        if (string.IsNullOrWhiteSpace(name)) return ("name", "is required");
        if (name.Trim().Length > MaxName) return ("name", $"must be at most {MaxName} characters");
        if (department?.Trim().Length > MaxDepartment) return ("department", $"must be at most {MaxDepartment} characters");
        if (!string.IsNullOrWhiteSpace(supervisor))
        {
            if (WeComIds.UserIdProblem(supervisor.Trim()) is { } badSupervisor) return ("supervisor", badSupervisor);
            if (string.Equals(supervisor.Trim(), userId, StringComparison.Ordinal)) return ("supervisor", "must not be the person themself");
        }

        if (role is not null && !Roles.Contains(role)) return ("role", "must be null, \"principal\" or \"admin\"");
        return null;
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
