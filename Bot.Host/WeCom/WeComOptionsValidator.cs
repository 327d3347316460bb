using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom;

/// <summary>
/// Refuses to start with a WeCom section that could only fail later, naming the key and what is expected.
/// A channel with neither token nor key is off; one with either must have both, and a 43-character key.
/// </summary>
public sealed class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        var failures = new List<string>();
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            failures.Add("WeCom:ApiBaseUrl must be an absolute http(s) URL, e.g. https://qyapi.weixin.qq.com");
        if (options.TimestampTolerance is { } tolerance && tolerance <= TimeSpan.Zero)
            failures.Add("WeCom:TimestampTolerance must be a positive TimeSpan such as \"00:05:00\", or null to turn the check off");
        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
            failures.Add("WeCom:MaxBodyBytes must be between 1024 and 16777216");

        for (var i = 0; i < options.EffectiveWebhookHosts.Count; i++)
        {
            if (!IsHostName(options.EffectiveWebhookHosts[i]))
                failures.Add($"WeCom:WebhookHosts:{i} must be a host name such as in.qyapi.weixin.qq.com (no scheme, port, path or IP address)");
        }

        for (var i = 0; i < options.EffectiveBotNames.Count; i++)
        {
            if (options.EffectiveBotNames[i] is not { Length: > 0 and <= 64 } botName || botName.Trim() != botName || botName.Contains('@', StringComparison.Ordinal))
                failures.Add($"WeCom:BotNames:{i} must be the bot's display name as members see it: 1-64 characters, no '@', no leading or trailing spaces");
        }

        CheckChannel("WeCom:Robot", options.Robot, failures);
        CheckChannel("WeCom:AiBot", options.AiBot, failures);
        CheckChannel("WeCom:App", options.App, failures);
        if (options.App.IsConfigured && string.IsNullOrWhiteSpace(options.CorpId))
            failures.Add("WeCom:CorpId is required when WeCom:App is configured: it is the receive id of the app's ciphertext");
        if (!string.IsNullOrEmpty(options.App.Secret) && options.App.AgentId <= 0)
            failures.Add("WeCom:App:AgentId must be the app's positive agent id when WeCom:App:Secret is set");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckChannel(string key, CallbackChannelOptions channel, List<string> failures)
    {
        if (!channel.IsConfigured && string.IsNullOrEmpty(channel.EncodingAesKey)) return;
        if (string.IsNullOrWhiteSpace(channel.Token))
            failures.Add($"{key}:Token is required when {key}:EncodingAesKey is set");
        if (channel.EncodingAesKey.Length != 43)
            failures.Add($"{key}:EncodingAesKey must be exactly 43 characters (it has {channel.EncodingAesKey.Length})");
        else if (!IsBase64Key(channel.EncodingAesKey))
            failures.Add($"{key}:EncodingAesKey must be base64 characters (A-Z, a-z, 0-9, +, /)");
    }

    /// <summary>A DNS name, compared later as WeCom's URLs spell it (lower case, ASCII): an IP literal is never WeCom's.</summary>
    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253 && Uri.CheckHostName(host) == UriHostNameType.Dns
        && host.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');

    private static bool IsBase64Key(string key)
    {
        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(key + "=", bytes, out var written) && written == 32;
    }
}
