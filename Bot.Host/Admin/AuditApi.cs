using System.Text.Json.Nodes;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record AuditView(long Id, DateTimeOffset At, string Actor, string Action, string Subject, JsonNode? Detail);

/// <summary>Who changed what, when: administrators' edits and the bot's own state changes, newest first.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/audit");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<AuditView>>, ValidationProblem>> (int? limit, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (!AdminHttp.TryLimit(limit, 100, 1000, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 1000");
            var entries = await AuditStore.ListAsync(db, take, ct);
            return TypedResults.Ok<IReadOnlyList<AuditView>>(entries.Select(e => new AuditView(e.Id, e.At, e.Actor, e.Action, e.Subject, JsonNode.Parse(e.Detail))).ToList());
        });
        return group;
    }
}
