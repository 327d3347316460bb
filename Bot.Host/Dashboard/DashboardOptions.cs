using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard;

/// <summary>The dashboard's administrators, from the <c>Admin</c> section: <c>Admin:Users:0:UserName</c>, <c>…:PasswordHash</c>.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Admin";

    public List<DashboardUser> Users { get; init; } = [];

    /// <summary>How long a login lasts, however active the session: it is not extended by use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public DashboardUser? Find(string userName) =>
        Users.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal));
}

public sealed class DashboardUser
{
    public string UserName { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$iterations$salt$hash</c>; see <see cref="PasswordHash"/>.</summary>
    public string PasswordHash { get; set; } = "";
}

/// <summary>A user without a name or with a hash that cannot be verified stops the host, naming the key.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.UserName))
                errors.Add($"Admin:Users:{i}:UserName is empty");
            if (!PasswordHash.IsWellFormed(user.PasswordHash))
                errors.Add($"Admin:Users:{i}:PasswordHash must be pbkdf2-sha256$iterations$salt$hash; make one with: dotnet Bot.Host.dll hash-password <password>");
        }

        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromDays(30))
            errors.Add($"Admin:SessionLifetime must be a duration between 00:00:01 and 30.00:00:00, such as \"08:00:00\" (it is {options.SessionLifetime})");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
