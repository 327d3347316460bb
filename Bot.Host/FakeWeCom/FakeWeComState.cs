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
    private readonly Dictionary<string, (SortedSet<string> Chats, bool Declared)> _robots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedResponseCodes = new(StringComparer.Ordinal);
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

    /// <summary>
    /// The robot whose webhook key is <paramref name="webhookKey"/> is in these chats, as WeCom knows it: a post that names
    /// another chat is refused, one that names none reaches all of them. A key never declared learns its chats from the
    /// posts that name them (WeCom would know them; the fake can only be told or see them).
    /// </summary>
    public void AddRobot(string webhookKey, params string[] chatIds)
    {
        lock (_gate)
        {
            var robot = _robots.TryGetValue(webhookKey, out var known) ? known.Chats : new SortedSet<string>(StringComparer.Ordinal);
            robot.UnionWith(chatIds);
            _robots[webhookKey] = (robot, true);
        }
    }

    /// <summary>Forgets requests, faults, tokens, robots' learned chats and duplicate-check history (the sandbox's "reset").</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _faults.Clear();
            _tokens.Clear();
            _recentPrivateMessages.Clear();
            _usedResponseCodes.Clear();
            foreach (var key in _robots.Where(r => !r.Value.Declared).Select(r => r.Key).ToList()) _robots.Remove(key);
        }
    }

    /// <summary>
    /// Where a webhook post reaches, as WeCom's robot API describes <c>chatid</c>: the chats it names (<c>a|b</c>), or
    /// every chat of the robot for none, <c>@all_group</c> or <c>@all</c>; null when it names a chat a declared robot is not in.
    /// </summary>
    internal IReadOnlyList<string>? Reach(string webhookKey, string? chatId)
    {
        lock (_gate)
        {
            var (chats, declared) = _robots.TryGetValue(webhookKey, out var robot) ? robot : (new SortedSet<string>(StringComparer.Ordinal), false);
            if (string.IsNullOrEmpty(chatId) || chatId is "@all_group" or "@all")
                return chats.Count == 0 ? ["@all_group"] : [.. chats];

            var named = chatId.Split('|', StringSplitOptions.RemoveEmptyEntries);
            if (declared && named.Any(c => !chats.Contains(c))) return null;
            chats.UnionWith(named);
            _robots[webhookKey] = (chats, declared);
            return named;
        }
    }

    /// <summary>A response_url's code works once (doc 101138): true the first time, false after.</summary>
    internal bool UseResponseCode(string code)
    {
        lock (_gate)
        {
            return _usedResponseCodes.Add(code);
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
