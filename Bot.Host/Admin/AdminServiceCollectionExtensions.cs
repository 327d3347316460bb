namespace Bot.Host.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>The admin API: its options (the bearer key, the dashboard users).</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section));
        return services;
    }
}
