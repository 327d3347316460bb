using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// Refuses to start with an archive that could only fail later, naming the key: an SDK that cannot be loaded, a private
/// key that does not parse, a missing secret or corp id. Values are never repeated in a message.
/// </summary>
public sealed class ArchiveOptionsValidator(IOptions<WeComOptions> wecom) : IValidateOptions<ArchiveOptions>
{
    private const string Key = ArchiveOptions.Section;

    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        if (options.Simulated && string.IsNullOrWhiteSpace(options.SdkPath)) return ValidateOptionsResult.Success;
        if (!options.Enabled)
        {
            return options.Secret.Length > 0 || options.PrivateKeys.Count > 0
                ? ValidateOptionsResult.Fail($"{Key}:SdkPath is required when {Key}:Secret or {Key}:PrivateKeys are set: the path of libWeWorkFinanceSdk_C.so")
                : ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (FinanceSdk.Problem(options.SdkPath) is { } sdk) failures.Add($"{Key}:SdkPath: {sdk}");
        if (string.IsNullOrWhiteSpace(options.Secret)) failures.Add($"{Key}:Secret is required: the archive's secret (管理工具 → 会话内容存档)");
        if (string.IsNullOrWhiteSpace(wecom.Value.CorpId)) failures.Add($"WeCom:CorpId is required when {Key} is configured: the SDK is initialised with it");
        using (ArchiveKeys.Parse(options.PrivateKeys, out var problems)) failures.AddRange(problems);
        if (options.PageSize is < 1 or > 1000) failures.Add($"{Key}:PageSize must be between 1 and 1000 (WeCom's limit)");
        if (options.PollInterval <= TimeSpan.Zero) failures.Add($"{Key}:PollInterval must be a positive TimeSpan such as \"00:00:30\"");
        if (options.SdkTimeout < TimeSpan.FromSeconds(1)) failures.Add($"{Key}:SdkTimeout must be at least \"00:00:01\"");
        if (options.MatchWindow <= TimeSpan.Zero) failures.Add($"{Key}:MatchWindow must be a positive TimeSpan such as \"00:02:00\"");
        if (options.Lag < TimeSpan.Zero) failures.Add($"{Key}:Lag must not be negative");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
