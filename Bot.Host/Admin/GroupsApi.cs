using System.Text.Json.Nodes;
using Bot.Host.Rules;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record GroupSummary(string ChatId, string Name, bool WebhookKeySet, string? Owner, long MemberCount, DateTimeOffset UpdatedAt,
    PostingRouteView PostingRoute);

/// <summary>A group as GET shows it: its overrides, the policy in effect, and the roster in order with names. Never the key.</summary>
public sealed record GroupView(string ChatId, string Name, bool WebhookKeySet, bool CallbackWebhookSet, string? Owner, IReadOnlyList<string> Issuers,
    IReadOnlyList<RosterMember> Members, JsonObject Policy, JsonObject EffectivePolicy, string? PolicyError, DateTimeOffset UpdatedAt,
    PostingRouteView PostingRoute, bool ChatIdKnown, bool WebhookKeyExclusive);

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

/// <summary>Groups: webhook key, owner, issuers, policy overrides and roster.</summary>
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
        group.MapGet("/{chatId}", async Task<Results<Ok<GroupView>, NotFound>> (string chatId, NpgsqlDataSource db, PolicyDefaults defaults, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            return await ViewAsync(connection, null, chatId, defaults.Policy, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
        });
        group.MapPut("/{chatId}", UpsertAsync);
        return group;
    }

    private static async Task<Results<Ok<GroupView>, ValidationProblem>> UpsertAsync(string chatId, GroupInput body, HttpContext http,
        NpgsqlDataSource db, PolicyDefaults defaults, TimeProvider time, CancellationToken ct)
    {
        if (body.Check(chatId, defaults.Policy, out _) is { } bad) return AdminHttp.Invalid(bad.Field, bad.Problem);

        var now = time.GetUtcNow();
        var members = body.Members?.Select(m => m.Trim()).ToList() ?? [];
        var issuers = body.Issuers?.Select(m => m.Trim()).ToList() ?? [];
        var policy = body.Policy ?? [];
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await GroupConfigStore.UpsertAsync(connection, transaction, chatId, body.Name?.Trim() ?? "", body.WebhookKey, PersonInput.Blank(body.Owner),
            issuers, policy.ToJsonString(), members, now, ct, (body.WebhookKeyExclusive, body.ChatIdConfirmed));
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "group.upsert", $"group:{chatId}", new
        {
            name = body.Name?.Trim() ?? "",
            webhookKey = body.WebhookKeyChange,
            body.WebhookKeyExclusive,
            body.ChatIdConfirmed,
            owner = PersonInput.Blank(body.Owner),
            members,
            issuers,
            policy,
        }, ct);
        var view = await ViewAsync(connection, transaction, chatId, defaults.Policy, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(view!);
    }

    private static async Task<GroupView?> ViewAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, GroupPolicy defaults, CancellationToken ct)
    {
        if (await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is not { } group) return null;
        var roster = await GroupConfigStore.RosterAsync(connection, transaction, chatId, ct);
        var overrides = JsonNode.Parse(group.Policy) as JsonObject ?? [];
        var (effective, error) = (defaults, (string?)null);
        try
        {
            effective = PolicyJson.Merge(defaults, overrides, "policy.");
        }
        catch (PolicyException ex)
        {
            // Overrides stored before the defaults changed may no longer merge: show the defaults and name the bad key.
            error = ex.Message;
        }

        return new GroupView(group.ChatId, group.Name, group.WebhookKeySet, group.CallbackWebhookSet, group.Owner, group.Issuers, roster,
            overrides, PolicyJson.ToJson(effective), error, group.UpdatedAt, PostingRouteView.Of(group.Route), group.ChatIdKnown, group.WebhookKeyExclusive);
    }
}
