using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Dashboard;

/// <summary>
/// Administrators' password hashes: PBKDF2-SHA256, written <c>pbkdf2-sha256$iterations$saltB64$hashB64</c> so that the
/// iteration count can rise later without invalidating existing hashes. Produce one with
/// <c>dotnet Bot.Host.dll hash-password &lt;password&gt;</c>.
/// </summary>
public static class PasswordHash
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    private const string Prefix = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Bounds on a configured count: below, the hash is too weak to accept; above, one login attempt could pin a core.
    private const int MinIterations = 1_000;
    private const int MaxIterations = 10_000_000;

    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password and for a malformed hash.</summary>
    public static bool Verify(string password, string? encoded)
    {
        if (password is null || !TryParse(encoded, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        // Constant time: the response time must not reveal how many leading bytes were right.
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static bool IsWellFormed(string? encoded) => TryParse(encoded, out _, out _, out _);

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = encoded?.Split('$');
        if (parts is not [Prefix, var count, var saltB64, var hashB64]) return false;
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < MinIterations or > MaxIterations)
            return false;
        try
        {
            salt = Convert.FromBase64String(saltB64);
            hash = Convert.FromBase64String(hashB64);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
