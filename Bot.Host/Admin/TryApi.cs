using Bot.Host.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Admin;

/// <summary>The body of <c>POST /api/try</c>; <c>at</c> (default now) judges the message as if posted then.</summary>
public sealed record TryInput(string? ChatId, string? UserId, string? Text, string? Name, DateTimeOffset? At, IReadOnlyList<string>? Mentions);

public sealed record VerdictView(string Rule, string Outcome, string Mode, string Detail);

/// <summary>An effect the message would have, by its type; posts and private messages say when they would go out.</summary>
public sealed record EffectView(string Type, object Effect, DateTimeOffset? NotBefore);

public sealed record TryAnswer(string ChatId, string UserId, bool GroupKnown, DateTimeOffset At, IReadOnlyList<VerdictView> Verdicts, IReadOnlyList<EffectView> Effects);

/// <summary>「试一试」 in the admin API: <see cref="TryService"/>, answered with the machine names of rules and effects.</summary>
internal static class TryApi
{
    public static RouteGroupBuilder MapTry(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/try");
        group.MapPost("/", TryAsync);
        return group;
    }

    private static async Task<Results<Ok<TryAnswer>, ValidationProblem>> TryAsync(TryInput body, TryService tries, CancellationToken ct)
    {
        var (outcome, problems) = await tries.RunAsync(new TryRequest(body.ChatId, body.UserId, body.Text, body.Name, body.At, body.Mentions), ct);
        if (outcome is null) return AdminHttp.Invalid(problems);
        var zone = outcome.State.Policy.Zone;
        var verdicts = outcome.Decision.Verdicts.Select(v => new VerdictView(v.Rule, v.Outcome.ToString().ToLowerInvariant(), v.Mode.ToString(), v.Detail)).ToList();
        var effects = outcome.Decision.Effects.Select(e => new EffectView(e.GetType().Name, e, outcome.NotBefore(e) is { } at ? TimeZoneInfo.ConvertTime(at, zone) : null)).ToList();
        return TypedResults.Ok(new TryAnswer(outcome.ChatId, outcome.UserId, outcome.GroupKnown, TimeZoneInfo.ConvertTime(outcome.At, zone), verdicts, effects));
    }
}
