using System.Text.RegularExpressions;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record ResendAnswer(long Id, string Status);

/// <summary>What the bot sent, is sending, and could not send (dead), with a resend for the dead.</summary>
internal static partial class OutboxApi
{
    private static readonly string[] Statuses = ["pending", "sending", "sent", "dead"];

    public static RouteGroupBuilder MapOutbox(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/outbox");
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<OutboxRow>>, ValidationProblem>> (string? status, int? limit, NpgsqlDataSource db, CancellationToken ct) =>
        {
            if (status is not null && !Statuses.Contains(status)) return AdminHttp.Invalid("status", "must be pending, sending, sent or dead");
            if (!AdminHttp.TryLimit(limit, 100, 1000, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 1000");
            var rows = await OutboxStore.ListAsync(db, status, take, ct);
            return TypedResults.Ok<IReadOnlyList<OutboxRow>>(rows.Select(r => r with
            {
                Target = Masked(r.Target)!,
                LastError = Masked(r.LastError),
                Response = Masked(r.Response),
            }).ToList());
        });
        group.MapPost("/{id:long}/resend", ResendAsync);
        return group;
    }

    private static async Task<Results<Ok<ResendAnswer>, NotFound, ProblemHttpResult>> ResendAsync(long id, HttpContext http, OutboxResend outbox,
        CancellationToken ct) =>
        await outbox.ResendAsync(id, AdminHttp.Actor(http), ct) switch
        {
            null => TypedResults.NotFound(),
            "dead" => TypedResults.Ok(new ResendAnswer(id, "pending")),
            var status => AdminHttp.Conflict($"outbox message {id} is {status}, not dead: only dead messages are resent"),
        };

    /// <summary>A webhook URL carries its key: show that there was one, never what it is.</summary>
    private static string? Masked(string? text) => text is null ? null : KeyParameter().Replace(text, "key=***");

    [GeneratedRegex("key=[^&\\s\"']+")]
    private static partial Regex KeyParameter();
}
