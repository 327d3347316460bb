using System.Diagnostics;
using System.Globalization;

namespace Bot.Host.FakeWeCom;

/// <summary>
/// Everything the fake WeCom API knows: its configuration, the tokens it issued, every request it received, and the
/// faults scripted for the next calls. Thread-safe; one instance per fake server.
/// </summary>
public sealed class FakeWeComState(TimeProvider? time = null)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(7200);

    private readonly Lock _gate = new();
    private readonly List<FakeWeComRequest> _requests = [];
    private readonly List<FakeWeComFault> _faults = [];
    private readonly Dictionary<string, (DateTimeOffset ExpiresAt, bool Revoked)> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _recentPrivateMessages = new(StringComparer.Ordinal);
    private long _sequence;

    public TimeProvider Time { get; } = time ?? TimeProvider.System;
    public string CorpId { get; init; } = "ww-fake-corp";
    public string CorpSecret { get; init; } = "fake-app-secret";
    public long AgentId { get; init; } = 1000002;

    /// <summary>Webhook keys that exist; empty accepts any non-empty key.</summary>
    public IReadOnlySet<string> WebhookKeys { get; init; } = new HashSet<string>();

    /// <summary>User ids that exist; empty accepts anyone. Unknown ids come back in <c>invaliduser</c>.</summary>
    public IReadOnlySet<string> KnownUsers { get; init; } = new HashSet<string>();

    /// <summary>Chat ids created by the app; empty accepts any.</summary>
    public IReadOnlySet<string> AppChats { get; init; } = new HashSet<string>();

    public IReadOnlyList<FakeWeComRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Messages that reached their recipients, in arrival order.</summary>
    public IReadOnlyList<FakeWeComRequest> Delivered => [.. Requests.Where(r => r.Delivered)];

    public int GetTokenCalls => Requests.Count(r => r.Kind == FakeWeComRequestKind.GetToken);

    public void Enqueue(FakeWeComFault fault, int times = 1)
    {
        lock (_gate)
        {
            _faults.AddRange(Enumerable.Repeat(fault, times));
        }
    }

    /// <summary>The next <paramref name="times"/> matching calls answer <paramref name="errCode"/> (-1, 45009, 130101, …) and deliver nothing.</summary>
    public void FailNext(int errCode, string errMsg, int times = 1, string? path = null) =>
        Enqueue(new FakeWeComFault { Path = path, ErrCode = errCode, ErrMsg = errMsg }, times);

    /// <summary>The next matching calls answer with this HTTP status and a non-JSON body, and deliver nothing.</summary>
    public void FailNextWithHttpStatus(int status, int times = 1, string? path = null) =>
        Enqueue(new FakeWeComFault { Path = path, HttpStatus = status }, times);

    /// <summary>The next matching calls are answered normally, but only after <paramref name="delay"/>.</summary>
    public void DelayNext(TimeSpan delay, int times = 1, string? path = null) =>
        Enqueue(new FakeWeComFault { Path = path, Delay = delay }, times);

    /// <summary>Every token issued so far now answers 42001 until gettoken issues a new one, as WeCom does when a token expires.</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = _tokens[token] with { Revoked = true };
            }
        }
    }

    /// <summary>Forgets requests, faults, tokens and duplicate-check history (the sandbox's "reset").</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _faults.Clear();
            _tokens.Clear();
            _recentPrivateMessages.Clear();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the recorded requests: a fake may record after the client gave up.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyList<FakeWeComRequest>, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        while (!condition(Requests))
        {
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    internal FakeWeComFault? TakeFault(string path, bool isSend)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Path is null ? isSend : string.Equals(f.Path, path, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    internal string IssueToken()
    {
        var token = "fake-token-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _tokens[token] = (Time.GetUtcNow() + TokenLifetime, false);
        }

        return token;
    }

    /// <summary>null when the token is good; otherwise WeCom's answer for it.</summary>
    internal (int ErrCode, string ErrMsg)? CheckToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (41001, "access_token missing");
        }

        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var issued))
            {
                return (40014, "invalid access_token");
            }

            return issued.Revoked || Time.GetUtcNow() >= issued.ExpiresAt ? (42001, "access_token expired") : null;
        }
    }

    /// <summary>WeCom's duplicate check: the same content to the same users within the interval is accepted and dropped.</summary>
    internal bool IsDuplicate(string toUser, string content, TimeSpan interval)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{toUser}\n{content}");
        var now = Time.GetUtcNow();
        lock (_gate)
        {
            if (_recentPrivateMessages.TryGetValue(key, out var sentAt) && now - sentAt < interval)
            {
                return true;
            }

            _recentPrivateMessages[key] = now;
            return false;
        }
    }

    internal FakeWeComRequest Record(Func<long, DateTimeOffset, FakeWeComRequest> create)
    {
        lock (_gate)
        {
            var request = create(++_sequence, Time.GetUtcNow());
            _requests.Add(request);
            return request;
        }
    }
}
