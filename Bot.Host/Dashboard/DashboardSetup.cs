using Bot.Host.Dashboard.Pages;
using Bot.Host.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard;

/// <summary>
/// The administrators' dashboard under <c>/admin</c>: server-rendered zh-CN pages, cookie login against
/// <c>Admin:Users</c> with server-side sessions (<see cref="AdminSessions"/>), and antiforgery on every form (a post
/// without the token is refused with 400). Cookies and tokens are encrypted with the key ring all replicas share.
/// </summary>
public static class DashboardSetup
{
    /// <summary>The cookie scheme and the policy every page but the login requires; named, so another scheme (the admin API's) can sit beside them.</summary>
    public const string Scheme = "Dashboard";

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.LoginPath = "/admin/login";
            cookie.AccessDeniedPath = "/admin/login";
            cookie.Cookie.Name = "bot.admin";
            cookie.Cookie.HttpOnly = true;
            // Strict: the session never rides along on a request started by another site.
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over HTTPS, also through a proxy listed in Admin:KnownProxies.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The session's row decides its end (AdminSessions); the cookie never outlives it nor slides.
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = AdminSessions.ValidateAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<DashboardOptions>>((cookie, dashboard) =>
            cookie.ExpireTimeSpan = dashboard.Value.SessionLifetime);
        services.AddSingleton<AdminSessions>();
        services.AddSingleton<LoginThrottle>();
        services.AddSharedKeyRing();
        services.AddKnownProxies(configuration);
        // Pages are Razor components rendered on the server (RazorComponentResult); nothing interactive.
        services.AddRazorComponents();
        // Chinese written as itself, not as &#x…; entities: still every < > & " ' encoded, a third of the bytes.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAuthorizationBuilder().AddPolicy(Scheme, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "bot.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        // Validates the token of every endpoint that binds a form (IFormCollection parameters): here and in the sandbox.
        app.UseAntiforgery();

        app.MapGet("/admin/assets/dashboard.css", () => Assets.Css("Bot.Host.Dashboard.dashboard.css")).AllowAnonymous();
        app.MapGet("/favicon.ico", Assets.Favicon).AllowAnonymous();
        LoginEndpoints.Map(app);

        var admin = app.MapGroup("/admin").RequireAuthorization(Scheme);
        OverviewEndpoints.Map(admin);
        NoticesEndpoints.Map(admin);
        NoticePage.Map(admin);
        ViolationsEndpoints.Map(admin);
        GroupsEndpoints.Map(admin);
        PeopleEndpoints.Map(admin);
        Policy.PolicyEndpoints.Map(admin);
        WordsEndpoints.Map(admin);
        RecordsPages.Map(admin);
        return app;
    }
}
