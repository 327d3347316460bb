using Bot.Host.Groups;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record GroupSummary(string ChatId, string Name, bool WebhookKeySet, string? Owner, long MemberCount, DateTimeOffset UpdatedAt,
    PostingRouteView PostingRoute);

/// <summary>
/// How the bot posts in the group: <c>callbackWebhook</c> (the WebhookUrl of its robot callback), <c>webhookKey</c> (the
/// administrator's key) or <c>none</c> (posts are held); whether posts name the group's chat id; and why.
/// </summary>
public sealed record PostingRouteView(string Route, bool NamesChat, string Reason)
{
    public static PostingRouteView Of(PostingRoute route) => new(route.Kind switch
    {
        PostingRouteKind.CallbackWebhook => "callbackWebhook",
        PostingRouteKind.WebhookKey => "webhookKey",
        _ => "none",
    }, route.NamesChat, route.Reason);
}

/// <summary>Groups: webhook key, owner, issuers, policy overrides and roster, through the same <see cref="GroupService"/> as the dashboard.</summary>
internal static class GroupsApi
{
    public static RouteGroupBuilder MapGroups(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/groups");
        group.MapGet("/", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return TypedResults.Ok((await GroupConfigStore.ListAsync(connection, ct))
                .Select(g => new GroupSummary(g.ChatId, g.Name, g.WebhookKeySet, g.Owner, g.MemberCount, g.UpdatedAt, PostingRouteView.Of(g.Route))).ToList());
        });
        group.MapGet("/{chatId}", async Task<Results<Ok<GroupView>, NotFound>> (string chatId, GroupService groups, CancellationToken ct) =>
            await groups.ViewAsync(chatId, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound());
        group.MapPut("/{chatId}", async Task<Results<Ok<GroupView>, ValidationProblem>> (string chatId, GroupInput body, HttpContext http, GroupService groups, CancellationToken ct) =>
        {
            var saved = await groups.ReplaceAsync(chatId, body, AdminHttp.Actor(http), ct);
            return saved.Value is { } view ? TypedResults.Ok(view) : AdminHttp.Invalid(saved.Problems);
        });
        return group;
    }
}
