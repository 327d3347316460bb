namespace Bot.Host.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: its options (the bearer key, the dashboard users) and the actions it shares with the dashboard.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<NoticeReminder>();
        return services;
    }
}
