using System.Text.Json;
using Bot.Host.Health;
using Bot.Host.WeCom;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Outbound;

/// <summary>
/// Sends what decisions wrote to the outbox. Claims due rows (several dispatchers never share one), sends each
/// through the WeCom client, and records WeCom's answer: sent; transient or rate-limited → retried later with
/// exponential backoff and jitter; permanent or out of attempts → dead, with the reason. A row that makes the sending
/// code throw is dead too, with the exception: one bad row never stops the others, nor the host.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    WeComApiClient client,
    IOptions<WeComOptions> wecom,
    IOptions<OutboxOptions> options,
    OutboxWake wake,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.BackgroundWorkers
        ? WorkerLoop.RunAsync("Outbox", DispatchOnceAsync, wake, _options.PollInterval, time, logger, stoppingToken)
        : Task.CompletedTask;

    /// <summary>One pass: claims due rows and sends them; returns how many were claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var items = await OutboxStore.ClaimAsync(dataSource, time.GetUtcNow(), _options.Lease, _options.BatchSize, RateLimitOf, ct);
        foreach (var item in items)
        {
            // The rows are sent one by one, so the last of a slow batch may be reached after the lease taken at the claim
            // ran out and another dispatcher took it over. Each row's claim is renewed just before its send, and a row
            // taken over meanwhile is left to its new owner: the lease needs to cover one send, not the whole batch.
            if (!await OutboxStore.RenewClaimAsync(dataSource, item.Id, item.Attempts, time.GetUtcNow() + _options.Lease, ct))
            {
                logger.LogWarning("Outbox row {Id} was taken over by another dispatcher after its lease ran out; not sending it here", item.Id);
                continue;
            }

            await SendIsolatedAsync(item, ct);
        }

        return items.Count;
    }

    /// <summary>Sends one row; if the attempt throws (a row the code cannot handle), the row is dead with the exception.</summary>
    private async Task SendIsolatedAsync(OutboxItem item, CancellationToken ct)
    {
        try
        {
            await SendAsync(item, ct);
        }
        catch (Exception ex) when (!DatabaseFaults.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            var error = $"{ex.GetType().Name}: {ex.Message}";
            BotMetrics.ItemsFailed.WithLabels("outbox").Inc();
            logger.LogError(ex, "Outbox row {Id} ({Reason}) is dead: sending it threw {Error}", item.Id, item.Reason, error);
            await OutboxStore.MarkDeadAsync(dataSource, item.Id, error, null, ct);
        }
    }

    private (int Limit, TimeSpan Window) RateLimitOf(string rateKey) =>
        rateKey.StartsWith("user:", StringComparison.Ordinal)
            ? (_options.PrivatePerMinute, TimeSpan.FromMinutes(1))
            : (_options.WebhookPerMinute, TimeSpan.FromMinutes(1));

    private async Task SendAsync(OutboxItem item, CancellationToken ct)
    {
        WeComSendResult result;
        try
        {
            result = await SendThroughWeComAsync(item, ct);
        }
        catch (OutboxTargetException ex)
        {
            logger.LogError("Outbox row {Id} is dead: {Reason}", item.Id, ex.Message);
            await OutboxStore.MarkDeadAsync(dataSource, item.Id, ex.Message, null, ct);
            return;
        }
        catch (NoPostingRouteException ex)
        {
            BotMetrics.Sends.WithLabels(item.Kind, "held").Inc();
            logger.LogWarning("Outbox row {Id} for group {ChatId} is held: {Reason}", item.Id, item.Target, ex.Message);
            await OutboxStore.MarkHeldAsync(dataSource, item.Id, ex.Message, ct);
            return;
        }

        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                BotMetrics.Sends.WithLabels(item.Kind, "sent").Inc();
                await OutboxStore.MarkSentAsync(dataSource, item.Id, now, result.RawBody, ct);
                break;
            case SendOutcome.Permanent:
            case SendOutcome.Transient or SendOutcome.RateLimited when item.Attempts >= _options.MaxAttempts:
                BotMetrics.Sends.WithLabels(item.Kind, "dead").Inc();
                logger.LogError("Outbox row {Id} ({Reason}) is dead after {Attempts} attempt(s): {Error}", item.Id, item.Reason, item.Attempts, result.ToString());
                await OutboxStore.MarkDeadAsync(dataSource, item.Id, result.ToString(), result.RawBody, ct);
                break;
            default:
                BotMetrics.Sends.WithLabels(item.Kind, "retry").Inc();
                var next = now + Backoff(item.Attempts, result.Outcome == SendOutcome.RateLimited);
                logger.LogWarning("Outbox row {Id} will retry at {Next}: {Error}", item.Id, next, result.ToString());
                await OutboxStore.MarkRetryAsync(dataSource, item.Id, next, result.ToString(), result.RawBody, ct);
                break;
        }
    }

    private TimeSpan Backoff(int attempts, bool rateLimited)
    {
        var exponential = _options.BaseBackoff * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = exponential > _options.MaxBackoff ? _options.MaxBackoff : exponential;
        // Jitter spreads the retries of many rows that failed together (a WeCom outage) instead of retrying in a wave.
        var jittered = capped * (0.5 + Random.Shared.NextDouble() / 2);
        // WeCom's rate limits are per minute: retrying sooner only hits the limit again.
        return rateLimited && jittered < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : jittered;
    }

    private async Task<WeComSendResult> SendThroughWeComAsync(OutboxItem item, CancellationToken ct)
    {
        using var payload = JsonDocument.Parse(item.Payload);
        var root = payload.RootElement;
        var content = root.GetProperty("content").GetString() ?? "";
        switch (item.Kind)
        {
            case "webhook":
                var mentions = root.TryGetProperty("mentioned_list", out var list)
                    ? list.EnumerateArray().Select(m => m.GetString()!).ToList() : [];
                var (webhook, chatId) = await WebhookOfAsync(item.Target, ct);
                return await client.SendWebhookTextAsync(webhook, chatId, content, mentions, ct);
            case "private":
                var to = root.GetProperty("touser").EnumerateArray().Select(m => m.GetString()!).ToList();
                // WeCom's duplicate check makes a resend after a lost answer (a crash between send and record) harmless.
                return await client.SendPrivateTextAsync(to, content, duplicateCheck: true, ct);
            case "response":
                return ResponseAddress.TryFromCallback(item.Target, WeComHosts.From(wecom.Value), out var response, out var refusal)
                    ? await client.SendResponseUrlMarkdownAsync(response, content, ct)
                    : throw new OutboxTargetException($"the response_url is not WeCom's: {refusal}");
            default:
                throw new OutboxTargetException($"unknown outbox kind \"{item.Kind}\"");
        }
    }

    /// <summary>
    /// The webhook and chat id a group's post goes to, by the group's <see cref="PostingRoute"/>: the administrator's key,
    /// else the WebhookUrl its robot callback carried (checked again: the allowed hosts may have changed since).
    /// </summary>
    private async Task<(Uri Webhook, string? ChatId)> WebhookOfAsync(string chatId, CancellationToken ct)
    {
        var address = await GroupRoutes.AddressAsync(dataSource, chatId, ct)
            ?? throw new NoPostingRouteException($"group {chatId} is not known");
        var route = address.Route;
        var named = route.NamesChat ? chatId : null;
        if (route.Kind == PostingRouteKind.WebhookKey) return (WebhookAddress.FromKey(wecom.Value.ApiBaseUrl, address.WebhookKey!), named);
        if (route.Kind == PostingRouteKind.None) throw new NoPostingRouteException($"group {chatId} has no posting route: {route.Reason}");
        return WebhookAddress.TryFromCallback(address.CallbackWebhookUrl, WeComHosts.From(wecom.Value), out var webhook, out var refusal)
            ? (webhook, named)
            : throw new NoPostingRouteException($"group {chatId}'s callback WebhookUrl is no longer accepted ({refusal}): set its webhookKey in the admin API");
    }
}

/// <summary>A row that can never be sent as it is (an address that is not WeCom's, an unknown kind).</summary>
public sealed class OutboxTargetException(string message) : Exception(message);

/// <summary>A group post whose group has no posting route now: held until the route changes, never broadcast.</summary>
public sealed class NoPostingRouteException(string message) : Exception(message);
