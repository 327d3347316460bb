using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Admin;

/// <summary>What every admin endpoint shares: who is acting, and how bad input is answered.</summary>
internal static class AdminHttp
{
    /// <summary>The actor of the audit log: the dashboard's signed-in user, else the API key's holder.</summary>
    public static string Actor(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "admin-api";

    /// <summary>400 naming the field, in the body's own (camelCase) words: <c>{"errors": {"name": ["is required"]}}</c>.</summary>
    public static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field} {problem}");

    /// <summary>400 naming every field that is wrong, with the same words the dashboard shows next to the field.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<Problem> problems) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A page size from the query: the default when absent, refused outside 1..max.</summary>
    public static bool TryLimit(int? requested, int fallback, int max, out int limit)
    {
        limit = requested ?? fallback;
        return limit >= 1 && limit <= max;
    }
}
