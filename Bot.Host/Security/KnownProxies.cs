using Microsoft.AspNetCore.HttpOverrides;

namespace Bot.Host.Security;

/// <summary>
/// <c>Admin:KnownProxies</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.
/// From them the request takes the client's address (the login throttle tells offices apart) and scheme (the session
/// cookie is Secure, HSTS is sent); from anyone else the headers are ignored. Empty (the default): nobody is believed,
/// not even loopback, which ASP.NET Core would otherwise trust — and the middleware is left out, because with no known
/// proxy at all it would believe everyone.
/// </summary>
public static class KnownProxies
{
    public const string Key = "Admin:KnownProxies";

    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var (ranges, error) = AddressRanges.Parse(Key, configuration.GetSection(Key).Get<string[]>());
        if (error is not null) throw new Microsoft.Extensions.Options.OptionsValidationException(Key, typeof(string[]), [error]);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds 127.0.0.0/8 by default and is still consulted: it must be emptied too.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var range in ranges) options.KnownIPNetworks.Add(range);
            // Through a chain of known proxies, take the address the first of them saw.
            options.ForwardLimit = null;
        });
        return services;
    }

    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownIPNetworks.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}
