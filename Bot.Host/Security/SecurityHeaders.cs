namespace Bot.Host.Security;

/// <summary>
/// Headers on every response (dashboard, sandbox, API, callbacks): only this site's own scripts and styles, never in a
/// frame, no referrer, no content sniffing; HSTS when the request came over HTTPS (directly or through a known proxy).
/// Set as the response starts, so that nothing earlier in the request (antiforgery's SAMEORIGIN) weakens them.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // A year, without includeSubDomains: the bot's host name says nothing about its neighbours'.
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (http.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
