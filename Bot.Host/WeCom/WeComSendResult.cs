using System.Globalization;
using System.Net;

namespace Bot.Host.WeCom;

/// <summary>What the caller (the outbox) should do with a message after one call.</summary>
public enum SendOutcome
{
    /// <summary>WeCom accepted it (errcode 0); some recipients may still be listed in <see cref="WeComSendResult.InvalidUser"/>.</summary>
    Sent,

    /// <summary>Try again later: WeCom busy (-1), HTTP 5xx, a timeout, a connection failure, or a token that stayed invalid after one refresh.</summary>
    Transient,

    /// <summary>Try again after backing off: 45009, 45033, 130101 or HTTP 429.</summary>
    RateLimited,

    /// <summary>Retrying will not help: record <see cref="WeComSendResult.ErrMsg"/> and give up.</summary>
    Permanent,
}

/// <summary>
/// The typed outcome of one WeCom call. <see cref="ErrCode"/> is null when WeCom never answered with JSON
/// (timeout, connection failure, HTTP error page); <see cref="ErrMsg"/> then says what happened instead.
/// </summary>
public sealed record WeComSendResult(string Api, SendOutcome Outcome, int? ErrCode, string ErrMsg)
{
    /// <summary>WeCom's status code, null when no HTTP answer arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>WeCom's answer as received, for recording; null for gettoken (it carries the token) and when nothing arrived.</summary>
    public string? RawBody { get; init; }

    public string InvalidUser { get; init; } = "";
    public string InvalidParty { get; init; } = "";
    public string InvalidTag { get; init; } = "";
    public string UnlicensedUser { get; init; } = "";
    public string? MsgId { get; init; }

    /// <summary>Set only on a successful gettoken. Never log it: <see cref="ToString"/> leaves it out.</summary>
    public string? AccessToken { get; init; }

    /// <summary>gettoken's <c>expires_in</c>.</summary>
    public TimeSpan? ExpiresIn { get; init; }

    public bool IsSent => Outcome == SendOutcome.Sent;

    /// <summary>WeCom's error codes, by what the caller should do; the token errors reach here only after the client's own refresh and retry failed.</summary>
    public static SendOutcome Classify(int errCode) => errCode switch
    {
        0 => SendOutcome.Sent,
        -1 => SendOutcome.Transient,                          // system busy
        40014 or 41001 or 42001 => SendOutcome.Transient,     // token invalid / missing / expired, still so after one refresh
        45009 or 45033 or 130101 => SendOutcome.RateLimited,  // API frequency, concurrency, robot 20/min
        _ => SendOutcome.Permanent,                           // including 81013 (every recipient invalid) and 40058 (too long)
    };

    internal static WeComSendResult NoAnswer(string api, SendOutcome outcome, string why, HttpStatusCode? status = null) =>
        new(api, outcome, null, why) { HttpStatus = status is null ? null : (int)status };

    // Records print every property; this one must never print the access token.
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Api}: {Outcome} errcode={ErrCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} errmsg={ErrMsg}" +
        $"{(HttpStatus is { } s ? $" http={s}" : "")}{(InvalidUser.Length > 0 ? $" invaliduser={InvalidUser}" : "")}");
}
