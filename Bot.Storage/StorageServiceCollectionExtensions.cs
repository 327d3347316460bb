using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="NpgsqlDataSource"/> for the process and the migrator.</summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<Migrator>();
        return services;
    }
}
