namespace Bot.Host.Admin;

/// <summary>The <c>Admin</c> section's API key; the dashboard's users (<c>Admin:Users</c>) are read by <see cref="Dashboard.DashboardOptions"/>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The bearer token of <c>/api/*</c>; empty disables the admin API (it answers 503).</summary>
    public string ApiKey { get; set; } = "";
}
