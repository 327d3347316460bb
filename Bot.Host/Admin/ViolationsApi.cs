using Bot.Host.Rules;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record StrikeView(string ChatId, string UserId, string Name, long Strikes, int StrikeLimit, TimeSpan StrikeWindow);

public sealed record ViolationsView(IReadOnlyList<ViolationRecord> Violations, IReadOnlyList<StrikeView> Strikes);

public sealed record DismissInput(string? Reason, string? Allow);

public sealed record DismissAnswer(long Id, bool StrikeRemoved, string? AllowAdded, IReadOnlyList<string> SuggestedAllow);

public sealed record EscalationsView(IReadOnlyList<NoticeEscalation> Notices, IReadOnlyList<RectificationEscalation> Rectifications);

/// <summary>Violations with each member's strikes (counted over their group's own window), and escalations.</summary>
internal static class ViolationsApi
{
    public static RouteGroupBuilder MapViolations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/");
        group.MapGet("/violations", ViolationsAsync);
        group.MapPost("/violations/{id:long}/dismiss", DismissAsync);
        group.MapGet("/escalations", async Task<Results<Ok<EscalationsView>, ValidationProblem>> (string? chatId, int? limit, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (!AdminHttp.TryLimit(limit, 200, 2000, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 2000");
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(new EscalationsView(
                await EscalationStore.NoticesAsync(connection, chatId, take, ct),
                await EscalationStore.RectificationsAsync(connection, chatId, take, ct)));
        });
        return group;
    }

    /// <summary>「误判」: the strike removed, who and why audited; <c>allow</c> puts a phrase of the message on the allow-list.</summary>
    private static async Task<Results<Ok<DismissAnswer>, NotFound, ValidationProblem, ProblemHttpResult>> DismissAsync(long id, DismissInput body,
        HttpContext http, NpgsqlDataSource db, ContentScanners scanners, TimeProvider time, CancellationToken ct) =>
        await FalsePositives.DismissAsync(db, scanners, time.GetUtcNow(), AdminHttp.Actor(http), id, body.Reason, body.Allow, ct) switch
        {
            Dismissal.Done done => TypedResults.Ok(new DismissAnswer(done.Id, done.StrikeRemoved, done.AllowAdded, done.Suggestions)),
            Dismissal.NotFound => TypedResults.NotFound(),
            Dismissal.AlreadyDismissed already => AdminHttp.Conflict($"violation {id} was already dismissed at {already.At:O}"),
            Dismissal.Refused refused => AdminHttp.Invalid(refused.Field, refused.Problem.English),
            var other => throw new InvalidOperationException($"unexpected result {other}"),
        };

    private static async Task<Results<Ok<ViolationsView>, ValidationProblem>> ViolationsAsync(string? chatId, string? userId, DateTimeOffset? since, int? limit,
        NpgsqlDataSource db, PolicyDefaults defaults, TimeProvider time, CancellationToken ct)
    {
        if (!AdminHttp.TryLimit(limit, 200, 2000, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 2000");
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var violations = await ViolationStore.ListAsync(connection, chatId, userId, since, take, ct);

        var policies = new Dictionary<string, Bot.Rules.Policy.GroupPolicy>(StringComparer.Ordinal);
        foreach (var chat in await ViolationStore.GroupsWithStrikesAsync(connection, chatId, userId, ct))
            policies[chat] = await NoticeView.PolicyOfAsync(connection, null, chat, defaults, ct);
        var counts = await ViolationStore.StrikeCountsAsync(connection, policies.Select(p => (p.Key, now - p.Value.StrikeWindow)).ToList(), userId, ct);
        var strikes = counts.Select(c => new StrikeView(c.ChatId, c.UserId, c.Name, c.Strikes, policies[c.ChatId].StrikeLimit, policies[c.ChatId].StrikeWindow)).ToList();
        return TypedResults.Ok(new ViolationsView(violations, strikes));
    }
}
