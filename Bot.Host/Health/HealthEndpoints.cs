using Bot.Host.Spool;
using Bot.Storage;

namespace Bot.Host.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: the host can take callbacks (readiness: a load
    /// balancer sends traffic only to a ready replica) — the database answers within two seconds with every migration
    /// applied, or it is out and the spool has room, so callbacks are kept on disk. The body says which, and how many
    /// callbacks wait in the spool.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Text("ok"));
        routes.MapGet("/readyz", async (Migrator migrator, InboundSpool spool, ILoggerFactory logs, CancellationToken ct) =>
        {
            var (records, bytes) = spool.Depth;
            var depth = $"spool: {records} callbacks waiting ({bytes} of {spool.MaxBytes} bytes)";
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                return await migrator.IsUpToDateAsync(timeout.Token)
                    ? Results.Text($"ready\ndatabase: reachable\n{depth}")
                    : Results.Problem($"migrations are not applied; {depth}", statusCode: 503);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
            {
                logs.CreateLogger("Health").LogWarning("Database unreachable: {Reason}", ex.Message);
                // A full spool answers callbacks 503 again: then the replica is not ready for them.
                return !spool.IsFull
                    ? Results.Text($"ready\ndatabase: unreachable; callbacks are spooled on disk and replayed when it returns\n{depth}")
                    : Results.Problem($"the database is unreachable and the spool is full; {depth}", statusCode: 503);
            }
        });
        return routes;
    }
}
