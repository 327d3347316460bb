using Microsoft.Extensions.Options;

namespace Bot.Host.Admin;

/// <summary>The admin API under <c>/api</c>: every route behind the bearer key, one file per feature.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var logger = routes.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Admin");
        if (string.IsNullOrEmpty(routes.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey))
            logger.LogWarning("Admin API disabled: set Admin:ApiKey to enable /api (every request answers 503 until then)");
        else
            logger.LogInformation("Admin API enabled at /api (bearer key from Admin:ApiKey)");

        var api = routes.MapGroup("/api").AddEndpointFilter<AdminKeyFilter>();
        api.MapPeople();
        api.MapPeopleImport();
        api.MapGroups();
        api.MapNotices();
        api.MapNoticeRemind();
        api.MapWords();
        api.MapViolations();
        api.MapOutbox();
        api.MapAudit();
        api.MapTry();
        api.MapArchive();
        return api;
    }
}
