using System.Collections.Frozen;
using System.Diagnostics;
using Prometheus;

namespace Bot.Host.Health;

/// <summary>
/// Requests by route pattern, method and status. Every label comes from a closed set: the routes this host maps (or
/// <c>none</c>), the standard methods (or <c>other</c>), a three-digit status. Nothing a client chooses becomes a label,
/// so no client can grow <c>/metrics</c>.
/// </summary>
public static class HttpMetrics
{
    private static readonly FrozenSet<string> Methods =
        new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] Labels = ["code", "method", "route"];

    private static readonly Counter Requests = Metrics.CreateCounter("http_requests_received_total",
        "HTTP requests by status, method (a standard one or other) and route pattern (none when no route matched).", Labels);

    private static readonly Histogram Duration = Metrics.CreateHistogram("http_request_duration_seconds",
        "HTTP request duration by status, method and route pattern.", new HistogramConfiguration
        {
            LabelNames = Labels,
            Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
        });

    public static IApplicationBuilder UseBoundedHttpMetrics(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var method = Methods.Contains(http.Request.Method) ? http.Request.Method : "other";
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "none";
            string[] labels = [http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), method, route];
            Requests.WithLabels(labels).Inc();
            Duration.WithLabels(labels).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    });
}
