using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Archive;

public static class ArchiveSetup
{
    /// <summary>
    /// The message archive: options validated at start-up, the reader, the poller, and the matching of a message's two
    /// copies (always registered: the inbound path asks it, and it answers "nothing to match" while the archive is off).
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArchiveOptions>().Bind(configuration.GetSection(ArchiveOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>();
        services.AddSingleton<ChannelCopies>();
        services.AddSingleton<ArchiveMapping>();
        services.AddSingleton<ArchiveWake>();
        services.AddSingleton<ArchiveReader>();
        services.AddSingleton<IArchiveSource>(sp => sp.GetRequiredService<ArchiveReader>());
        services.AddSingleton<ArchivePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ArchivePoller>());
        return services;
    }
}
