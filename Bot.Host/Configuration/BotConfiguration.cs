using Bot.Host.Inbound;
using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Host.Spool;
using Bot.Host.WeCom;
using Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Configuration;

public static class BotConfiguration
{
    /// <summary>The database: the connection string is checked here, so a missing one stops the host with its key named.</summary>
    public static IServiceCollection AddBotDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Bot");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new OptionsValidationException("ConnectionStrings:Bot", typeof(string),
                ["ConnectionStrings:Bot is missing: set it to a PostgreSQL connection string, e.g. Host=127.0.0.1;Port=5432;Database=bot;Username=bot"]);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException("ConnectionStrings:Bot", typeof(string),
                [$"ConnectionStrings:Bot is not a valid PostgreSQL connection string: {ex.Message}"]);
        }

        services.AddBotStorage(connectionString);
        services.AddHostedService<MigrationService>();
        return services;
    }

    /// <summary>The WeCom callbacks: options validated at start-up, and the processor that records each message.</summary>
    public static IServiceCollection AddWeComCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.AddOptions<InboundOptions>().Bind(configuration.GetSection(InboundOptions.Section))
            .Validate(o => o.MaxBatchSize >= 1, "Inbound:MaxBatchSize must be at least 1")
            .Validate(o => o.ConcurrentBatches >= 1, "Inbound:ConcurrentBatches must be at least 1")
            .Validate(o => o.MaxWaiting >= 1, "Inbound:MaxWaiting must be at least 1")
            .ValidateOnStart();
        services.AddSingleton<IInboundBatchProcessor, InboundProcessor>();
        services.AddSpool(configuration);
        services.AddSingleton<InboundBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundBatcher>());
        return services;
    }

    /// <summary>The spool that keeps callbacks on this host's disk while the database is out, and its replayer.</summary>
    private static IServiceCollection AddSpool(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpoolOptions>().Bind(configuration.GetSection(SpoolOptions.Section)).ValidateOnStart();
        services.AddSingleton<SpoolOptionsValidator>();
        services.AddSingleton<IValidateOptions<SpoolOptions>>(sp => sp.GetRequiredService<SpoolOptionsValidator>());
        services.AddSingleton(sp => InboundSpool.Open(sp.GetRequiredService<SpoolOptionsValidator>().PathOf(sp.GetRequiredService<IOptions<SpoolOptions>>().Value),
            Environment.MachineName, sp.GetRequiredService<IOptions<SpoolOptions>>().Value.MaxBytes, sp.GetRequiredService<ILogger<InboundSpool>>()));
        services.AddSingleton<SpoolWake>();
        services.AddSingleton<SpoolReplayer>();
        services.AddHostedService(sp => sp.GetRequiredService<SpoolReplayer>());
        return services;
    }

    /// <summary>The rules: the default policy (validated now, so a bad one stops the host) and the word lists.</summary>
    public static IServiceCollection AddBotRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PolicyDefaults(PolicyConfiguration.Read(configuration)));
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<ContentScanners>();
        return services;
    }

    /// <summary>What the bot says: the WeCom client, the outbox dispatcher and the timer worker.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWeComClient();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero
                && o.WebhookPerMinute >= 1 && o.PrivatePerMinute >= 1,
                "Outbox: MaxAttempts, BatchSize, WebhookPerMinute and PrivatePerMinute must be at least 1; PollInterval and Lease positive")
            .ValidateOnStart();
        services.AddSingleton<OutboxWake>();
        services.AddSingleton<TimerWake>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<TimerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerWorker>());
        return services;
    }
}
