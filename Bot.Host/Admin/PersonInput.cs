namespace Bot.Host.Admin;

/// <summary>The body of <c>PUT /api/people/{userId}</c>; checked by <see cref="People.PersonRules"/> like every other person.</summary>
public sealed record PersonInput(string? Name, string? Department, string? Supervisor, string? Role);
