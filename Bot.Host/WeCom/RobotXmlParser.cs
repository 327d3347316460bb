using System.Xml.Linq;
using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>
/// The group robot's callback (群机器人回调, doc 99399): XML sent when the robot is @-mentioned in a group or spoken to
/// alone, and events when it is added to or removed from a chat (<c>add_to_chat</c>, <c>delete_from_chat</c>) or a
/// user opens a chat with it (<c>enter_chat</c>).
/// </summary>
public static class RobotXmlParser
{
    public static ParseResult Parse(string xml, DateTimeOffset receivedAt, IReadOnlyList<string> botNames)
    {
        var root = SafeXml.TryParse(xml, out var error);
        if (root is null) return ParseResult.Failure(error!);

        var msgType = root.Child("MsgType");
        var kind = MessageKinds.Parse(msgType);
        var sender = root.Path("From", "UserId");
        var chatId = root.Child("ChatId");
        var chatType = MessageKinds.ParseChatType(root.Child("ChatType"));
        if (msgType.Length == 0) return ParseResult.Failure("MsgType is missing");
        if (sender.Length == 0) return ParseResult.Failure("From/UserId is missing");
        if (chatType == ChatType.Group && chatId.Length == 0) return ParseResult.Failure("ChatId is missing from a group message");
        if (chatId.Length > 0 && !MessageKinds.IsSingleChatId(chatId)) return ParseResult.Failure("ChatId is not a single chat id");

        var eventName = kind == MessageKind.Event ? root.Path("Event", "EventType") : null;
        var msgId = root.Child("MsgId");
        if (msgId.Length == 0)
        {
            if (kind != MessageKind.Event) return ParseResult.Failure("MsgId is missing");
            msgId = $"event:{sender}:{root.Child("CreateTime")}:{eventName}";
        }

        var (text, mentions) = MentionText.Split(TextOf(root, kind), botNames);
        return ParseResult.Success(new InboundMessage(
            DedupeKey: msgId,
            Channel: Channel.Robot,
            ChatId: chatId.Length > 0 ? chatId : sender,
            ChatType: chatType,
            SenderId: sender,
            SenderName: root.Path("From", "Name"),
            Kind: kind,
            RawKind: msgType,
            Text: text,
            Mentions: mentions,
            Quote: null,
            ReplyUrl: NullIfEmpty(root.Child("WebhookUrl")),
            EventName: eventName,
            ReceivedAt: receivedAt));
    }

    private static string TextOf(XElement root, MessageKind kind) => kind switch
    {
        MessageKind.Text => root.Path("Text", "Content"),
        // A mixed message is text and pictures interleaved; its text parts are what a rule can read.
        MessageKind.Mixed => string.Join("\n", root.Element("MixedMessage")?.Elements("MsgItem")
            .Select(item => item.Path("Text", "Content")).Where(t => t.Length > 0) ?? []),
        _ => "",
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
