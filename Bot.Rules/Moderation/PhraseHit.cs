namespace Bot.Rules.Moderation;

/// <summary>
/// What a phrase detector found (<see cref="PhraseDetectors"/>): where in the original text, the category, and how it
/// read the message, without the matched words: <c>threat: harm to a person</c>.
/// </summary>
public readonly record struct PhraseHit(int Start, int Length, BannedCategory Category, string Evidence);
