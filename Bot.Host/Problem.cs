namespace Bot.Host;

/// <summary>
/// What is wrong with one field of a change, in the office's words, named as the dashboard's form and the admin API's
/// JSON both name it (<c>name</c>, <c>supervisor</c>, <c>policy.replyWindow</c>): the form shows it next to the field,
/// the API answers it as a validation problem.
/// </summary>
public sealed record Problem(string Field, string Message);

/// <summary>What a change came to: the saved value, or every problem (and then nothing was written).</summary>
public sealed record Saved<T>(T? Value, IReadOnlyList<Problem> Problems) where T : class
{
    public bool Ok => Problems.Count == 0;
}

public static class Saved
{
    public static Saved<T> Refused<T>(params Problem[] problems) where T : class => new(null, problems);

    public static Saved<T> Done<T>(T value) where T : class => new(value, []);
}
