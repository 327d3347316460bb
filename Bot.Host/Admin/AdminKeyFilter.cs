using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bot.Host.Admin;

/// <summary>
/// Lets a request through only with <c>Authorization: Bearer &lt;Admin:ApiKey&gt;</c>. The key and the presented token are
/// hashed before the constant-time comparison, so neither their content nor their length shows in the timing.
/// </summary>
public sealed class AdminKeyFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public const string DisabledMessage = "admin API disabled: set Admin:ApiKey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var key = options.CurrentValue.ApiKey;
        if (string.IsNullOrEmpty(key)) return TypedResults.Problem(DisabledMessage, statusCode: StatusCodes.Status503ServiceUnavailable);

        var http = context.HttpContext;
        if (!Matches(http.Request.Headers.Authorization.ToString(), key))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem("send the admin key: Authorization: Bearer <Admin:ApiKey>",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return await next(context);
    }

    /// <summary>Whether an Authorization header carries exactly <paramref name="key"/> as its bearer token.</summary>
    public static bool Matches(string? authorization, string key)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(key) || authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
