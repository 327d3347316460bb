using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Bot.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Dashboard;

/// <summary>
/// Dashboard sessions kept by the server. The cookie (encrypted with the shared key ring) carries a random session id;
/// PostgreSQL holds its hash, the user and a fingerprint of their password hash. Every request checks that row, so a
/// session ends for every replica at once when it is logged out, when its lifetime is over (absolute, never extended),
/// when its user leaves <c>Admin:Users</c>, or when their password hash changes.
/// </summary>
public sealed class AdminSessions(NpgsqlDataSource dataSource, IOptionsMonitor<DashboardOptions> options, TimeProvider time, ILogger<AdminSessions> logger)
{
    private const string SessionClaim = "bot:session";

    /// <summary>Records a new session for <paramref name="user"/> and returns the principal that the cookie will carry.</summary>
    public async Task<ClaimsPrincipal> StartAsync(DashboardUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await AdminSessionStore.CreateAsync(dataSource, Hash(id), user.UserName, Credential(user.PasswordHash), now, now + options.CurrentValue.SessionLifetime, ct);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName), new Claim(SessionClaim, id)], DashboardSetup.Scheme));
    }

    /// <summary>Whether the cookie's session still stands; a session that no longer does is deleted.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirst(SessionClaim)?.Value is not { } id) return false;
        var hash = Hash(id);
        if (await AdminSessionStore.FindAsync(dataSource, hash, ct) is not { } session) return false;
        var user = options.CurrentValue.Find(session.UserName);
        var reason = session.ExpiresAt <= time.GetUtcNow() ? "its lifetime is over"
            : user is null ? "the user is no longer in Admin:Users"
            : !CryptographicOperations.FixedTimeEquals(Credential(user.PasswordHash), session.Credential) ? "the user's password hash changed"
            : principal.Identity?.Name != session.UserName ? "the cookie names another user"
            : null;
        if (reason is null) return true;
        await AdminSessionStore.DeleteAsync(dataSource, hash, ct);
        logger.LogInformation("Dashboard session of {UserName} ended: {Reason}", session.UserName, reason);
        return false;
    }

    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirst(SessionClaim)?.Value is { } id) await AdminSessionStore.DeleteAsync(dataSource, Hash(id), ct);
    }

    /// <summary>The cookie handler's check on every request: a session that no longer stands signs the browser out.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AdminSessions>();
        if (context.Principal is { } principal && await sessions.IsValidAsync(principal, context.HttpContext.RequestAborted)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(DashboardSetup.Scheme);
    }

    private static byte[] Hash(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id));

    // A fingerprint, not the hash itself: the table should not hold what Admin:Users holds.
    private static byte[] Credential(string passwordHash) => SHA256.HashData(Encoding.UTF8.GetBytes("bot.session\n" + passwordHash));
}
