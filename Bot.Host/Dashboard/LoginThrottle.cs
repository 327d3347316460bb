namespace Bot.Host.Dashboard;

/// <summary>The throttle's answer to one login attempt: whether it may be checked, and how many remain if it fails.</summary>
public readonly record struct LoginAttempt(bool Allowed, int Remaining);

/// <summary>
/// Slows password guessing: <see cref="MaxFailures"/> attempts per user name and address within <see cref="Window"/>
/// (from the first), then that pair is refused (429) until the window has passed. Each attempt is counted before its
/// password is checked, under one lock, so concurrent guesses cannot slip past the count; a success clears it.
/// Per user name and address, so that an office behind one proxy address is not locked out by one person's typos.
/// Memory is bounded: at <see cref="Capacity"/> pairs, a new one replaces the least recently tried pair that is expired
/// or not locked out, so a flood of new names or addresses cannot free a locked-out pair.
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
    private readonly Dictionary<(string User, string Address), LinkedListNode<Entry>> _entries = [];

    // Least recently tried first.
    private readonly LinkedList<Entry> _byLastAttempt = new();

    /// <summary>How many pairs are remembered (never above <see cref="Capacity"/>).</summary>
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
            if (_entries.TryGetValue(key, out var node))
            {
                _byLastAttempt.Remove(node);
                if (now - node.Value.Since >= Window) node.Value = new Entry(key, now);
            }
            else
            {
                if (_entries.Count >= Capacity) Evict(now);
                node = new LinkedListNode<Entry>(new Entry(key, now));
                _entries[key] = node;
            }

            _byLastAttempt.AddLast(node);
            if (node.Value.Attempts >= MaxFailures) return new LoginAttempt(false, 0);
            node.Value.Attempts++;
            return new LoginAttempt(true, MaxFailures - node.Value.Attempts);
        }
    }

    public void Succeeded(string userName, string address)
    {
        lock (_lock)
        {
            if (_entries.Remove(Key(userName, address), out var node)) _byLastAttempt.Remove(node);
        }
    }

    private static (string, string) Key(string userName, string address) =>
        (userName.Length > MaxUserNameKey ? userName[..MaxUserNameKey] : userName, address);

    private void Evict(DateTimeOffset now)
    {
        var victim = _byLastAttempt.First!;
        for (var node = _byLastAttempt.First; node is not null; node = node.Next)
        {
            if (node.Value.Attempts < MaxFailures || now - node.Value.Since >= Window)
            {
                victim = node;
                break;
            }
        }

        // Every pair locked out and within its window: the least recently tried goes, the only choice left.
        _entries.Remove(victim.Value.Key);
        _byLastAttempt.Remove(victim);
    }

    private sealed class Entry((string, string) key, DateTimeOffset since)
    {
        public (string, string) Key { get; } = key;
        public DateTimeOffset Since { get; } = since;
        public int Attempts { get; set; }
    }
}
