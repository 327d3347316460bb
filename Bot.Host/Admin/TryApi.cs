using Bot.Host.Rules;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
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
        if (PersonInput.UserIdProblem(body.UserId?.Trim() ?? "") is { } badUser) return AdminHttp.Invalid("userId", badUser);
        if (body.Text is null) return AdminHttp.Invalid("text", "is required");
        if (body.Text.Length > MaxText) return AdminHttp.Invalid("text", $"must be at most {MaxText} characters");

        var (chatId, userId, at) = (body.ChatId.Trim(), body.UserId!.Trim(), body.At ?? time.GetUtcNow());
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        try
        {
            var known = await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is not null;
            var state = await GroupStateStore.LoadAsync(connection, transaction, chatId, userId, defaults.Policy, at, ct);
            var scanner = await scanners.CurrentAsync(connection, transaction, ct);
            var name = body.Name ?? state.NameOf(userId);
            var message = new InboundMessage($"try:{Guid.NewGuid():N}", Channel.Robot, chatId, ChatType.Group, userId, name, MessageKind.Text, "text",
                body.Text.Trim(), body.Mentions ?? [], null, null, null, at);
            var decision = RuleEngine.Pipeline(scanner).Evaluate(message, state, at);

            var verdicts = decision.Verdicts.Select(v => new VerdictView(v.Rule, v.Outcome.ToString().ToLowerInvariant(), v.Mode.ToString(), v.Detail)).ToList();
            var effects = decision.Effects.Select(e => new EffectView(e.GetType().Name, e, e switch
            {
                PostToGroup { Urgent: false } or SendPrivate { Urgent: false } => TimeZoneInfo.ConvertTime(QuietHours.NextAllowed(state.Policy, at), state.Policy.Zone),
                PostToGroup or SendPrivate => at,
                _ => null,
            })).ToList();
            return TypedResults.Ok(new TryAnswer(chatId, userId, known, TimeZoneInfo.ConvertTime(at, state.Policy.Zone), verdicts, effects));
        }
        catch (PolicyException ex)
        {
            return AdminHttp.Invalid(ex.Key, ex.Message[(ex.Key.Length + 1)..] + " (the group's stored policy)");
        }
        finally
        {
            // Nothing of a try is ever kept.
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }
}
