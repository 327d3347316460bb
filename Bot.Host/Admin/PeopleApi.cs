using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>The people directory: names, departments, supervisors (who receive escalations) and roles.</summary>
internal static class PeopleApi
{
    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people");
        group.MapGet("/", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok(await PeopleStore.ListAsync(connection, ct));
        });
        group.MapGet("/{userId}", async Task<Results<Ok<PersonRecord>, NotFound>> (string userId, NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await PeopleStore.GetAsync(connection, null, userId, ct) is { } person ? TypedResults.Ok(person) : TypedResults.NotFound();
        });
        group.MapPut("/{userId}", UpsertAsync);
        group.MapDelete("/{userId}", DeleteAsync);
        return group;
    }

    private static async Task<Results<Ok<PersonRecord>, ValidationProblem>> UpsertAsync(string userId, PersonInput body, HttpContext http,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (PersonInput.Check(userId, body.Name, body.Department, body.Supervisor, body.Role) is { } bad) return AdminHttp.Invalid(bad.Field, bad.Problem);

        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var person = await PeopleStore.UpsertAsync(connection, transaction, userId, body.Name!.Trim(), body.Department?.Trim() ?? "",
            PersonInput.Blank(body.Supervisor), body.Role, now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "person.upsert", $"person:{userId}",
            new { person.Name, person.Department, person.Supervisor, person.Role }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(person);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string userId, HttpContext http, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (!await PeopleStore.DeleteAsync(connection, transaction, userId, ct)) return TypedResults.NotFound();
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "person.delete", $"person:{userId}", new { }, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
