using Microsoft.Extensions.Options;
using Prometheus;

namespace Bot.Host.Health;

/// <summary><c>GET /metrics</c>: the Prometheus text exposition, to the scrapers <see cref="MetricsOptions"/> lets in.</summary>
public static class MetricsEndpoint
{
    public static IServiceCollection AddMetricsAccess(this IServiceCollection services, IConfiguration configuration)
    {
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = IsExported);
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        // Started with the host rather than from Program after Build: a host that fails to start never reaches it.
        services.AddHostedService<PostingRouteMetrics.Tracking>();
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", async (HttpContext http, IOptionsMonitor<MetricsOptions> options, CancellationToken ct) =>
        {
            var status = MetricsAccess.Decide(options.CurrentValue, http.Connection.LocalPort, http.Connection.RemoteIpAddress,
                http.Request.Headers.Authorization.ToString());
            if (status != StatusCodes.Status200OK)
            {
                if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
                http.Response.StatusCode = status;
                return;
            }

            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(http.Response.Body, ct);
        });
        return routes;
    }

    /// <summary>
    /// Of the .NET meters, only those whose labels are closed sets and name no connection: the runtime's, and Npgsql's
    /// pool metrics (the pool is named "bot"; its per-operation timings carry the database's address and port, so they
    /// are left out). ASP.NET Core's and HttpClient's meters label by server address and port; requests are counted by
    /// <see cref="HttpMetrics"/> instead.
    /// </summary>
    private static bool IsExported(System.Diagnostics.Metrics.Instrument instrument) => instrument.Meter.Name switch
    {
        "System.Runtime" => true,
        "Npgsql" => instrument.Name != "db.client.operation.duration",
        _ => false,
    };
}
