using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>A parsed message, or the reason the payload could not be understood.</summary>
public sealed record ParseResult(InboundMessage? Message, string? Error)
{
    public static ParseResult Success(InboundMessage message) => new(message, null);
    public static ParseResult Failure(string error) => new(null, error);
}
