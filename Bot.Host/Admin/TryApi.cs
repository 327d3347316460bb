using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>The body of <c>POST /api/try</c>; <c>at</c> (default now) judges the message as if posted then.</summary>
public sealed record TryInput(string? ChatId, string? UserId, string? Text, string? Name, DateTimeOffset? At, IReadOnlyList<string>? Mentions);

public sealed record VerdictView(string Rule, string Outcome, string Mode, string Detail);

/// <summary>An effect the message would have, by its type; posts and private messages say when they would go out.</summary>
public sealed record EffectView(string Type, object Effect, DateTimeOffset? NotBefore);

public sealed record TryAnswer(string ChatId, string UserId, bool GroupKnown, DateTimeOffset At, IReadOnlyList<VerdictView> Verdicts, IReadOnlyList<EffectView> Effects);

/// <summary>
/// 「试一试」: runs the whole pipeline on a synthetic message against the group's real state and policy, and stores
/// nothing: the state is read in a transaction that is rolled back, and the effects are only described.
/// </summary>
internal static class TryApi
{
    public const int MaxText = 4000;

    public static RouteGroupBuilder MapTry(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/try");
        group.MapPost("/", TryAsync);
        return group;
    }

    private static async Task<Results<Ok<TryAnswer>, ValidationProblem>> TryAsync(TryInput body, NpgsqlDataSource db, PolicyDefaults defaults,
        ContentScanners scanners, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.ChatId)) return AdminHttp.Invalid("chatId", "is required");
        if (WeComIds.UserIdProblem(body.UserId?.Trim() ?? "") is { } badUser) return AdminHttp.Invalid("userId", badUser);
        if (body.Text is null) return AdminHttp.Invalid("text", "is required");
        if (body.Text.Length > MaxText) return AdminHttp.Invalid("text", $"must be at most {MaxText} characters");

        // Instants go to the database in UTC (Npgsql refuses other offsets); answers show them on the group's clock.
        var (chatId, userId, at) = (body.ChatId.Trim(), body.UserId!.Trim(), (body.At ?? time.GetUtcNow()).ToUniversalTime());
        // Nothing of a try is ever kept: the transaction only reads, and is rolled back (or disposed, on failure).
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        GroupState state;
        IContentScanner scanner;
        bool known;
        try
        {
            known = await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is not null;
            state = await GroupStateStore.LoadAsync(connection, transaction, chatId, userId, defaults.Policy, at, ct, text: body.Text);
            scanner = await scanners.CurrentAsync(connection, transaction, ct);
        }
        catch (PolicyException ex)
        {
            return AdminHttp.Invalid(ex.Key, ex.Message[(ex.Key.Length + 1)..] + " (the group's stored policy)");
        }

        await transaction.RollbackAsync(ct);

        var message = new InboundMessage($"try:{Guid.NewGuid():N}", Channel.Robot, chatId, ChatType.Group, userId, body.Name ?? state.NameOf(userId),
            MessageKind.Text, "text", body.Text.Trim(), body.Mentions ?? [], null, null, null, at);
        var decision = RuleEngine.Pipeline(scanner).Evaluate(message, state, at);
        var zone = state.Policy.Zone;
        var verdicts = decision.Verdicts.Select(v => new VerdictView(v.Rule, v.Outcome.ToString().ToLowerInvariant(), v.Mode.ToString(), v.Detail)).ToList();
        var effects = decision.Effects.Select(e => new EffectView(e.GetType().Name, e, e switch
        {
            PostToGroup { Urgent: false } or SendPrivate { Urgent: false } => TimeZoneInfo.ConvertTime(QuietHours.NextAllowed(state.Policy, at), zone),
            PostToGroup or SendPrivate => TimeZoneInfo.ConvertTime(at, zone),
            _ => null,
        })).ToList();
        return TypedResults.Ok(new TryAnswer(chatId, userId, known, TimeZoneInfo.ConvertTime(at, zone), verdicts, effects));
    }
}
