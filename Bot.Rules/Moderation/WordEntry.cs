namespace Bot.Rules.Moderation;

/// <summary>One entry of a banned-word list.</summary>
public sealed record WordEntry(string Pattern, BannedCategory Category, WordKind Kind = WordKind.Plain);
