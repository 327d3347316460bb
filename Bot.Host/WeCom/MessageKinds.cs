using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

internal static class MessageKinds
{
    public static MessageKind Parse(string msgType) => msgType.ToLowerInvariant() switch
    {
        "text" => MessageKind.Text,
        "image" => MessageKind.Image,
        "mixed" => MessageKind.Mixed,
        "voice" => MessageKind.Voice,
        "file" => MessageKind.File,
        "attachment" => MessageKind.Attachment,
        "stream" => MessageKind.Stream,
        "event" => MessageKind.Event,
        _ => MessageKind.Unknown,
    };

    public static ChatType ParseChatType(string chatType) =>
        string.Equals(chatType, "single", StringComparison.OrdinalIgnoreCase) ? ChatType.Direct : ChatType.Group;
}
