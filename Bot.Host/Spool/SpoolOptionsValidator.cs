using Microsoft.Extensions.Options;

namespace Bot.Host.Spool;

/// <summary>Refuses to start with a spool directory the host cannot write, naming the key, before any callback needs it.</summary>
public sealed class SpoolOptionsValidator(IHostEnvironment environment) : IValidateOptions<SpoolOptions>
{
    public ValidateOptionsResult Validate(string? name, SpoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Directory))
            return ValidateOptionsResult.Fail("Spool:Directory must name a directory that survives a restart of the host (a volume in Docker)");
        if (options.MaxBytes < MinBytes)
            return ValidateOptionsResult.Fail($"Spool:MaxBytes must be at least {MinBytes} (1 MB); it is {options.MaxBytes}");
        var directory = PathOf(options);
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Spool:Directory {directory} cannot be written: {ex.Message}");
        }
    }

    private const long MinBytes = 1024 * 1024;

    /// <summary>The directory, relative to the content root unless absolute.</summary>
    public string PathOf(SpoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(environment.ContentRootPath, options.Directory);
    }
}
