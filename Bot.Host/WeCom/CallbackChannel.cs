using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>How a callback channel wraps its ciphertext.</summary>
public enum EnvelopeFormat { Xml, Json }

/// <summary>
/// One configured callback endpoint: its crypto (token, key, receive id), how its ciphertext travels, and how its
/// decrypted payload becomes an <see cref="InboundMessage"/>.
/// </summary>
public sealed record CallbackChannel(
    Channel Channel,
    string Path,
    WeComCrypto? Crypto,
    EnvelopeFormat Envelope,
    Func<string, DateTimeOffset, ParseResult> Parse,
    string SuccessBody)
{
    public static IReadOnlyList<CallbackChannel> FromOptions(WeComOptions options) =>
    [
        new(Channel.Robot, "/wecom/callback", CryptoFor(options.Robot, options.Robot.ReceiveId), EnvelopeFormat.Xml,
            (xml, at) => RobotXmlParser.Parse(xml, at, options.EffectiveBotNames), ""),
        new(Channel.AiBot, "/wecom/aibot", CryptoFor(options.AiBot, options.AiBot.ReceiveId), EnvelopeFormat.Json,
            (json, at) => AiBotJsonParser.Parse(json, at, options.EffectiveBotNames), ""),
        // The app's receive id is the corp id; WeCom expects "success" or an empty body from an app callback.
        new(Channel.App, "/wecom/app", CryptoFor(options.App, options.CorpId), EnvelopeFormat.Xml, AppXmlParser.Parse, "success"),
    ];

    private static WeComCrypto? CryptoFor(CallbackChannelOptions channel, string receiveId) =>
        channel.IsConfigured ? new WeComCrypto(channel.Token, channel.EncodingAesKey, receiveId) : null;
}
