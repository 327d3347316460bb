using System.Collections.Concurrent;

namespace Bot.Host.Dashboard;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed logins from one address within <see cref="Window"/>,
/// that address is refused (429) until the window has passed since its first failure. A success clears the count.
/// Per host process: replicas each count their own, which still caps guessing at a few tries per minute per replica.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public bool IsLockedOut(string address) =>
        _failures.TryGetValue(address, out var entry) && entry.Failures >= MaxFailures && time.GetUtcNow() - entry.Since < Window;

    public void Failed(string address)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(address, _ => (1, now),
            (_, entry) => now - entry.Since >= Window ? (1, now) : (entry.Failures + 1, entry.Since));
        // Bounded: an attacker spraying addresses cannot grow this without limit.
        if (_failures.Count > 10_000) _failures.Clear();
    }

    public void Succeeded(string address) => _failures.TryRemove(address, out _);
}
