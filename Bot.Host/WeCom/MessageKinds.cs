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

    /// <summary>
    /// Only <c>group</c> is a group. <c>single</c>, the 小黑板's <c>blackboard</c> kinds, and nothing at all (a
    /// 智能机器人 event such as <c>enter_chat</c> carries no chat type) are one person and the bot: taking them for a
    /// group would register a group named after that person.
    /// </summary>
    public static ChatType ParseChatType(string chatType) =>
        string.Equals(chatType.Trim(), "group", StringComparison.OrdinalIgnoreCase) ? ChatType.Group : ChatType.Direct;

    /// <summary>
    /// A chat id is one chat. WeCom's <c>webhook/send</c> reads <c>a|b</c> as two chats and <c>@all_group</c> as every
    /// group of the robot: a payload carrying such an id would make the bot post to groups it never heard from.
    /// </summary>
    public static bool IsSingleChatId(string chatId) =>
        chatId.Length > 0 && !chatId.StartsWith('@') && chatId.IndexOfAny(['|', ',', ' ']) < 0;
}
