using System.Net;
using System.Text.Json;
using Polly;
using Polly.Timeout;

namespace Bot.Host.WeCom;

/// <summary>One HTTP exchange with WeCom, turned into a <see cref="WeComSendResult"/>; never throws except for the caller's own cancellation.</summary>
internal static class WeComHttp
{
    /// <summary>The IHttpClientFactory name shared by the token cache and the typed client, so both get the same resilience pipeline.</summary>
    public const string ClientName = "WeCom";

    /// <summary>WeCom's answers are a few hundred bytes; anything much larger is not WeCom.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public static async Task<(WeComSendResult Result, WeComAnswer? Answer)> CallAsync(
        HttpClient http, HttpRequestMessage request, string api, bool keepRawBody, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            var raw = await response.Content.ReadAsStringAsync(ct);
            var answer = TryParse(raw);
            var result = Interpret(api, response.StatusCode, answer) with { RawBody = keepRawBody ? raw : null };
            return (result, answer);
        }
        catch (TimeoutRejectedException)
        {
            return (WeComSendResult.NoAnswer(api, SendOutcome.Transient, "timed out waiting for WeCom"), null);
        }
        catch (ExecutionRejectedException ex)
        {
            // The circuit breaker is open or the client-side concurrency limiter is full: nothing was sent.
            return (WeComSendResult.NoAnswer(api, SendOutcome.Transient, "not sent: " + ex.GetType().Name), null);
        }
        catch (HttpRequestException ex)
        {
            // ex.Message can carry the address; the error kind is enough and never includes the query (token, key).
            return (WeComSendResult.NoAnswer(api, SendOutcome.Transient, $"HTTP request failed: {ex.HttpRequestError}"), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (WeComSendResult.NoAnswer(api, SendOutcome.Transient, "timed out waiting for WeCom"), null);
        }
    }

    private static WeComSendResult Interpret(string api, HttpStatusCode status, WeComAnswer? answer)
    {
        var code = (int)status;
        if (status == HttpStatusCode.TooManyRequests)
        {
            return WeComSendResult.NoAnswer(api, SendOutcome.RateLimited, "HTTP 429", status);
        }

        if (code >= 500 || status == HttpStatusCode.RequestTimeout)
        {
            return WeComSendResult.NoAnswer(api, SendOutcome.Transient, $"HTTP {code}", status);
        }

        if (answer?.ErrCode is not { } errCode)
        {
            // A 2xx we cannot read says nothing about whether WeCom acted, so the outbox may try again;
            // a 4xx page without errcode (wrong base URL, a proxy refusing us) will not fix itself.
            var outcome = code is >= 200 and < 300 ? SendOutcome.Transient : SendOutcome.Permanent;
            return WeComSendResult.NoAnswer(api, outcome, $"HTTP {code} without a WeCom answer", status);
        }

        return new WeComSendResult(api, WeComSendResult.Classify(errCode), errCode, answer.ErrMsg ?? "")
        {
            HttpStatus = code,
            InvalidUser = answer.InvalidUser ?? "",
            InvalidParty = answer.InvalidParty ?? "",
            InvalidTag = answer.InvalidTag ?? "",
            UnlicensedUser = answer.UnlicensedUser ?? "",
            MsgId = answer.MsgId,
        };
    }

    private static WeComAnswer? TryParse(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize(raw, WeComJsonContext.Wire.WeComAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
