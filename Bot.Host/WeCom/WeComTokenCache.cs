using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom;

/// <summary>
/// The app's access token (gettoken), cached until shortly before it expires and refreshed by one caller at a time
/// however many wait. Neither the corp secret nor the token is ever logged.
/// </summary>
public sealed partial class WeComTokenCache(
    IHttpClientFactory httpClientFactory,
    IOptions<WeComOptions> options,
    TimeProvider time,
    ILogger<WeComTokenCache> logger) : IDisposable
{
    private const string Api = "gettoken";

    /// <summary>Refresh this long before WeCom's expiry (or at half-life for short-lived tokens), so no send races the expiry.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _current;
    private volatile WeComSendResult? _lastFailure;
    private long _attempts;

    /// <summary>How many times this cache has called gettoken.</summary>
    public long RefreshCount => Interlocked.Read(ref _attempts);

    /// <summary>A successful result carries <see cref="WeComSendResult.AccessToken"/>; a failed one says why, as any send would.</summary>
    public async Task<WeComSendResult> GetTokenAsync(CancellationToken ct)
    {
        if (Fresh(_current) is { } cached)
        {
            return cached;
        }

        var attemptsSeen = RefreshCount;
        await _refresh.WaitAsync(ct);
        try
        {
            if (Fresh(_current) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            // Someone refreshed while we queued and failed: share their answer rather than hammer gettoken once per waiter.
            if (RefreshCount != attemptsSeen && _lastFailure is { } failure)
            {
                return failure;
            }

            return await RefreshAsync(ct);
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// WeCom rejected <paramref name="staleToken"/> (40014/41001/42001). Only a caller still holding the cached token
    /// clears it, so twenty senders that all saw 42001 cause one refresh, not twenty.
    /// </summary>
    public void Invalidate(string staleToken)
    {
        var current = _current;
        if (current is not null && string.Equals(current.Result.AccessToken, staleToken, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private WeComSendResult? Fresh(CachedToken? token) =>
        token is not null && time.GetUtcNow() < token.RefreshAt ? token.Result : null;

    private async Task<WeComSendResult> RefreshAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _attempts);
        var settings = options.Value;
        var uri = WebhookAddress.ApiUri(settings.ApiBaseUrl, "/cgi-bin/gettoken",
            $"corpid={Uri.EscapeDataString(settings.CorpId)}&corpsecret={Uri.EscapeDataString(settings.App.Secret)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var http = httpClientFactory.CreateClient(WeComHttp.ClientName);

        // The raw body is not kept: it holds the token.
        var (result, answer) = await WeComHttp.CallAsync(http, request, Api, keepRawBody: false, ct);
        if (result.IsSent && !string.IsNullOrEmpty(answer?.AccessToken) && answer.ExpiresIn is { } seconds && seconds > 0)
        {
            var lifetime = TimeSpan.FromSeconds(seconds);
            var margin = lifetime / 2 < RefreshMargin ? lifetime / 2 : RefreshMargin;
            var token = result with { AccessToken = answer.AccessToken, ExpiresIn = lifetime };
            _current = new CachedToken(token, time.GetUtcNow() + lifetime - margin);
            _lastFailure = null;
            LogRefreshed(logger, lifetime);
            return token;
        }

        var failure = result.IsSent
            ? result with { Outcome = SendOutcome.Transient, ErrMsg = "gettoken answered without access_token/expires_in" }
            : result;
        _lastFailure = failure;
        LogRefreshFailed(logger, failure.Outcome, failure.ErrCode, failure.ErrMsg);
        return failure;
    }

    [LoggerMessage(LogLevel.Information, "WeCom access token refreshed; valid for {Lifetime}")]
    private static partial void LogRefreshed(ILogger logger, TimeSpan lifetime);

    [LoggerMessage(LogLevel.Warning, "WeCom gettoken failed: {Outcome} errcode {ErrCode} {ErrMsg}")]
    private static partial void LogRefreshFailed(ILogger logger, SendOutcome outcome, int? errCode, string errMsg);

    private sealed record CachedToken(WeComSendResult Result, DateTimeOffset RefreshAt);
}
