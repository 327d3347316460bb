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
    /// <param name="policyBotName">The name the bot gives itself in its texts (<c>Policy:BotName</c>): members @ it by that name too.</param>
    public static IReadOnlyList<CallbackChannel> FromOptions(WeComOptions options, string policyBotName)
    {
        IReadOnlyList<string> botNames = [.. options.EffectiveBotNames.Append(policyBotName).Distinct(StringComparer.Ordinal)];
        return
        [
            new(Channel.Robot, "/wecom/callback", CryptoFor(options.Robot, options.Robot.ReceiveId), EnvelopeFormat.Xml,
                (xml, at) => RobotXmlParser.Parse(xml, at, botNames), ""),
            new(Channel.AiBot, "/wecom/aibot", CryptoFor(options.AiBot, options.AiBot.ReceiveId), EnvelopeFormat.Json,
                (json, at) => AiBotJsonParser.Parse(json, at, botNames), ""),
        // The app's receive id is the corp id; WeCom expects "success" or an empty body from an app callback.
            new(Channel.App, "/wecom/app", CryptoFor(options.App, options.CorpId), EnvelopeFormat.Xml, AppXmlParser.Parse, "success"),
        ];
    }

    private static WeComCrypto? CryptoFor(CallbackChannelOptions channel, string receiveId) =>
        channel.IsConfigured ? new WeComCrypto(channel.Token, channel.EncodingAesKey, receiveId) : null;
}
