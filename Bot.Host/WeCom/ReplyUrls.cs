using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>
/// The address a callback offers for answers, checked once as it arrives: a robot's WebhookUrl must be WeCom's webhook,
/// a 智能机器人's response_url WeCom's response path (see <see cref="WeComHosts"/>). What passes is kept rebuilt; what
/// does not is dropped, so the message is judged as one without an answer address, and logged without its query.
/// </summary>
public static partial class ReplyUrls
{
    public static InboundMessage Vetted(InboundMessage message, WeComHosts hosts, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ReplyUrl is not { } url) return message;

        Uri? address = null;
        string? refusal = null;
        var accepted = message.Channel switch
        {
            Channel.Robot => WebhookAddress.TryFromCallback(url, hosts, out address, out refusal),
            Channel.AiBot => ResponseAddress.TryFromCallback(url, hosts, out address, out refusal),
            _ => false,
        };
        if (accepted) return message with { ReplyUrl = address!.ToString() };

        LogRefused(logger, message.Channel, message.DedupeKey, message.ChatId, refusal ?? "this channel offers no answer address");
        return message with { ReplyUrl = null };
    }

    [LoggerMessage(LogLevel.Warning, "Ignored the answer address of {Channel} message {DedupeKey} in chat {ChatId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, Channel channel, string dedupeKey, string chatId, string reason);
}
