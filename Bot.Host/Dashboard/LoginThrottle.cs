namespace Bot.Host.Dashboard;

/// <summary>The throttle's answer to one login attempt: whether it may be checked, and how many remain if it fails.</summary>
public readonly record struct LoginAttempt(bool Allowed, int Remaining);

/// <summary>
/// Slows password guessing: <see cref="MaxFailures"/> attempts per user name and address within <see cref="Window"/>
/// (from the first), then that pair is refused (429) until the window has passed. Each attempt is counted before its
/// password is checked, under one lock, so concurrent guesses cannot slip past the count; a success clears it.
/// Per user name and address, so that an office behind one proxy address is not locked out by one person's typos.
/// Memory is bounded: past <see cref="Capacity"/> pairs the expired are dropped first, then the least recently tried
/// of those not locked out, so a flood of new names or addresses cannot free a locked-out pair.
/// Per host process: replicas each count their own.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public const int Capacity = 10_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // A user name is whatever the form sent: only its start is kept, so that a key's size is bounded too.
    private const int MaxUserNameKey = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string User, string Address), Entry> _entries = [];

    /// <summary>How many pairs are remembered (for tests and bounds, never above <see cref="Capacity"/>).</summary>
    public int Tracked
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>Counts one attempt of <paramref name="userName"/> from <paramref name="address"/>; refused when the pair is locked out.</summary>
    public LoginAttempt TryBegin(string userName, string address)
    {
        var key = Key(userName, address);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || now - entry.Since >= Window)
            {
                if (entry is null) MakeRoom(now);
                entry = new Entry(now);
                _entries[key] = entry;
            }

            if (entry.Attempts >= MaxFailures) return new LoginAttempt(false, 0);
            entry.Attempts++;
            entry.Last = now;
            return new LoginAttempt(true, MaxFailures - entry.Attempts);
        }
    }

    public void Succeeded(string userName, string address)
    {
        lock (_lock) _entries.Remove(Key(userName, address));
    }

    private static (string, string) Key(string userName, string address) =>
        (userName.Length > MaxUserNameKey ? userName[..MaxUserNameKey] : userName, address);

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < Capacity) return;
        foreach (var expired in _entries.Where(e => now - e.Value.Since >= Window).Select(e => e.Key).ToList()) _entries.Remove(expired);
        if (_entries.Count < Capacity) return;
        // The oldest hundredth at once, so that a flood pays for this scan once per hundred new pairs, not every time.
        var unlocked = _entries.Where(e => e.Value.Attempts < MaxFailures).ToList();
        var candidates = unlocked.Count > 0 ? unlocked : [.. _entries];
        foreach (var oldest in candidates.OrderBy(e => e.Value.Last).Take(Capacity / 100).Select(e => e.Key).ToList()) _entries.Remove(oldest);
    }

    private sealed class Entry(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset Last { get; set; } = since;
        public int Attempts { get; set; }
    }
}
