using Bot.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace Bot.Host.Security;

/// <summary>
/// One data-protection key ring for all replicas, in PostgreSQL. The first key is made under a database lock before the
/// host takes traffic: two replicas starting together on an empty table would otherwise each make their own key and
/// read neither the other's cookies nor its forms until their rings next refresh (a day later).
/// </summary>
public static class SharedKeyRing
{
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        // A fixed name: replicas installed in different directories are one application.
        services.AddDataProtection().SetApplicationName("Bot");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource, TimeProvider>((options, dataSource, time) =>
            options.XmlRepository = new PostgresKeyRepository(dataSource, time));
        services.AddHostedService<FirstKey>();
        return services;
    }

    /// <summary>Starts after the migrations (registered after them), before Kestrel.</summary>
    private sealed class FirstKey(NpgsqlDataSource dataSource, IDataProtectionProvider protection) : IHostedService
    {
        // Protecting anything makes the key manager load the ring and, when it holds no usable key, create one (on its
        // own clock); under the lock, a replica that comes second finds the first one's key and makes none.
        public Task StartAsync(CancellationToken cancellationToken) =>
            DataProtectionKeyStore.UnderFirstKeyLockAsync(dataSource, () => protection.CreateProtector("Bot.FirstKey").Protect([1]), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
