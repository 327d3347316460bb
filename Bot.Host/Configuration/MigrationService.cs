using Bot.Storage;

namespace Bot.Host.Configuration;

/// <summary>
/// Applies the database migrations (and seeds the default word lists once) before the server takes traffic (hosted services start before Kestrel).
/// Retries for a while so that a host started beside its database (compose) waits for it instead of failing.
/// </summary>
public sealed class MigrationService(Migrator migrator, Npgsql.NpgsqlDataSource dataSource, TimeProvider time, ILogger<MigrationService> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                var applied = await migrator.ApplyAsync(cancellationToken);
                await WordListStore.SeedDefaultsAsync(dataSource, time.GetUtcNow(), cancellationToken);
                logger.LogInformation("Database ready: {Applied} migration(s) applied", applied);
                return;
            }
            catch (Npgsql.NpgsqlException ex) when (time.GetElapsedTime(started) < GiveUpAfter && ex.IsTransient)
            {
                logger.LogWarning("Database not reachable yet ({Reason}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
