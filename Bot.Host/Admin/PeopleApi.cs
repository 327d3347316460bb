using Bot.Host.People;
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
        PeopleService people, CancellationToken ct)
    {
        var saved = await people.SaveAsync(PersonFields.Of(userId, body.Name, body.Department, body.Supervisor, body.Role), keepRole: false, AdminHttp.Actor(http), ct);
        return saved.Value is { } person ? TypedResults.Ok(person) : AdminHttp.Invalid(saved.Problems);
    }

    /// <summary>Deletes the person, their duties still awaited and their places on rosters (see <see cref="PeopleService.DeleteAsync"/>).</summary>
    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string userId, HttpContext http, PeopleService people, CancellationToken ct) =>
        await people.DeleteAsync(userId, AdminHttp.Actor(http), ct) is null ? TypedResults.NotFound() : TypedResults.NoContent();
}
