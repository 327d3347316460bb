using Bot.Rules.State;
using Bot.Storage;
using Npgsql;
using Prometheus;

namespace Bot.Host.Health;

/// <summary>
/// <c>bot_groups_by_posting_route{route}</c>: how many groups the bot posts to through a callback's WebhookUrl, an
/// administrator's key, or cannot post to at all (their posts are held). Read from the database when /metrics is
/// scraped, so every replica reports the same; the label set is fixed, whatever the groups.
/// </summary>
public static class PostingRouteMetrics
{
    private static readonly Gauge Groups = Metrics.CreateGauge("bot_groups_by_posting_route",
        "Groups by how the bot posts in them: callback_webhook, webhook_key, or none (posts held until a route is set).", "route");

    private static readonly Lock Gate = new();
    private static NpgsqlDataSource? _dataSource;
    private static bool _registered;

    /// <summary>Reads the routes of <paramref name="dataSource"/>'s groups on each scrape (the latest host started in this process).</summary>
    public static void Track(NpgsqlDataSource dataSource)
    {
        lock (Gate)
        {
            _dataSource = dataSource;
            if (_registered) return;
            _registered = true;
        }

        Metrics.DefaultRegistry.AddBeforeCollectCallback(UpdateAsync);
    }

    /// <summary>Tracks the host's database once the host starts.</summary>
    public sealed class Tracking(NpgsqlDataSource dataSource) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Track(dataSource);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task UpdateAsync(CancellationToken ct)
    {
        NpgsqlDataSource? dataSource;
        lock (Gate) dataSource = _dataSource;
        if (dataSource is null) return;
        try
        {
            var routes = await GroupRoutes.AllAsync(dataSource, ct);
            foreach (var kind in Enum.GetValues<PostingRouteKind>())
                Groups.WithLabels(LabelOf(kind)).Set(routes.Count(r => r.Route.Kind == kind));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ObjectDisposedException)
        {
            // The database is down (readiness says so): the gauge keeps its last reading rather than failing the scrape.
            Groups.WithLabels("unknown").Set(1);
            return;
        }

        Groups.WithLabels("unknown").Set(0);
    }

    private static string LabelOf(PostingRouteKind kind) => kind switch
    {
        PostingRouteKind.CallbackWebhook => "callback_webhook",
        PostingRouteKind.WebhookKey => "webhook_key",
        _ => "none",
    };
}
