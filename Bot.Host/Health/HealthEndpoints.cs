using Bot.Storage;

namespace Bot.Host.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: the database answers within two seconds and
    /// every migration is applied (readiness: a load balancer sends traffic only to a ready replica).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Text("ok"));
        routes.MapGet("/readyz", async (Migrator migrator, ILoggerFactory logs, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                return await migrator.IsUpToDateAsync(timeout.Token)
                    ? Results.Text("ready")
                    : Results.Problem("migrations are not applied", statusCode: 503);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
            {
                logs.CreateLogger("Health").LogWarning("Not ready: {Reason}", ex.Message);
                return Results.Problem("the database is unreachable", statusCode: 503);
            }
        });
        return routes;
    }
}
