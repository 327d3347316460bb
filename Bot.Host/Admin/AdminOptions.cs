namespace Bot.Host.Admin;

/// <summary>The <c>Admin</c> section: the admin API's bearer key, and the dashboard's users.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The bearer token of <c>/api/*</c>; empty disables the admin API (it answers 503).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Who may log in to the dashboard, with hashed passwords (read by the dashboard, not by the API).</summary>
    public IReadOnlyList<AdminUser> Users { get; set; } = [];
}

public sealed class AdminUser
{
    public string UserName { get; set; } = "";

    public string PasswordHash { get; set; } = "";
}
