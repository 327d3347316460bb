namespace Bot.Host.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: its options (the bearer key), and the services it shares with the dashboard.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section));
        // One service per feature, shared by the admin API and the dashboard.
        services.AddSingleton<People.PeopleService>();
        services.AddSingleton<Groups.GroupService>();
        services.AddSingleton<Notices.NoticeHistory>();
        services.AddSingleton<Notices.NoticeReports>();
        services.AddSingleton<Rules.TryService>();
        services.AddSingleton<OutboxResend>();
        services.AddSingleton<NoticeReminder>();
        return services;
    }
}
