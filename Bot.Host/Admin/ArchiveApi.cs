using Bot.Host.WeCom.Archive;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/groups/{chatId}/archive</c>: the group's archive room id and its channel.</summary>
public sealed record GroupArchiveInput(string? RoomId, string? Channel);

public sealed record GroupArchiveView(string ChatId, string? RoomId, string Channel);

/// <summary>
/// The message archive: which room is which group (<c>PUT /api/groups/{chatId}/archive</c>) and what the archive has seen
/// (<c>GET /api/archive</c>: how far it is read, rooms counted but not judged, and the group each one likely is).
/// </summary>
internal static class ArchiveApi
{
    public static RouteGroupBuilder MapArchive(this RouteGroupBuilder api)
    {
        api.MapGet("/archive", async (NpgsqlDataSource db, ArchiveMapping mapping, TimeProvider time, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(await mapping.OverviewAsync(connection, time.GetUtcNow(), ct));
        });
        api.MapPut("/groups/{chatId}/archive", SetAsync);
        return api;
    }

    private static async Task<Results<Ok<GroupArchiveView>, ValidationProblem, ProblemHttpResult>> SetAsync(string chatId, GroupArchiveInput body,
        HttpContext http, NpgsqlDataSource db, ArchiveMapping mapping, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await mapping.SetAsync(connection, transaction, chatId, body.RoomId, body.Channel, now, ct) is { } bad)
        {
            return bad.Status == StatusCodes.Status400BadRequest ? AdminHttp.Invalid(bad.Field, bad.Problem)
                : TypedResults.Problem($"{bad.Field} {bad.Problem}", statusCode: bad.Status);
        }

        var stored = (await ArchiveStore.GroupAsync(connection, transaction, chatId, ct))!;
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "group.archive", $"group:{chatId}",
            new { roomId = stored.RoomId, channel = stored.Channel }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new GroupArchiveView(chatId, stored.RoomId, stored.Channel));
    }
}
