namespace Bot.Rules.Pipeline;

/// <summary>A member named in an <see cref="Explanation"/>: by user id in English (as the logs always read), by name in Chinese.</summary>
public readonly record struct Who(string UserId, string Name)
{
    public override string ToString() => UserId;
}
