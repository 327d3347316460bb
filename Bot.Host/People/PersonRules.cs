using Bot.Host.Admin;

namespace Bot.Host.People;

/// <summary>A person as entered in a form, an API body or a CSV line, trimmed; blank supervisor and role are null.</summary>
public sealed record PersonFields(string UserId, string Name, string Department, string? Supervisor, string? Role)
{
    public static PersonFields Of(string? userId, string? name, string? department, string? supervisor, string? role = null) =>
        new((userId ?? "").Trim(), (name ?? "").Trim(), (department ?? "").Trim(), Blank(supervisor), Blank(role));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What a person must be to be stored, wherever they come from: the same rules, the same words.</summary>
public static class PersonRules
{
    public const int MaxName = 64;
    public const int MaxDepartment = 128;

    public static readonly IReadOnlyList<string> Roles = ["principal", "admin"];

    public static IReadOnlyList<Problem> Check(PersonFields person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var problems = new List<Problem>();
        if (UserIdProblem(person.UserId, "账号") is { } badId) problems.Add(new("userId", badId));
        if (person.Name.Length == 0) problems.Add(new("name", "请填写姓名"));
        else if (person.Name.Length > MaxName) problems.Add(new("name", $"姓名最多{MaxName}个字"));
        if (person.Department.Length > MaxDepartment) problems.Add(new("department", $"部门最多{MaxDepartment}个字"));
        if (person.Supervisor is { } supervisor)
        {
            if (UserIdProblem(supervisor, "负责人的账号") is { } badSupervisor) problems.Add(new("supervisor", badSupervisor));
            else if (supervisor == person.UserId) problems.Add(new("supervisor", "负责人不能是本人"));
        }

        if (person.Role is { } role && !Roles.Contains(role)) problems.Add(new("role", "角色只能是校长（principal）或管理员（admin），或不设"));
        return problems;
    }

    /// <summary>Why <paramref name="id"/> cannot be a WeCom user id (the one rule, <see cref="WeComIds"/>), in Chinese, or null.</summary>
    public static string? UserIdProblem(string? id, string what = "账号") =>
        string.IsNullOrEmpty(id) ? $"请填写{what}"
        : id.Length > WeComIds.MaxUserId ? $"{what}最长{WeComIds.MaxUserId}个字符"
        : !WeComIds.IsUserId(id) ? $"{what}「{id}」无效：{WeComIds.RuleZh}"
        : null;
}
