using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>
/// The self-built app's callback (自建应用): one-to-one messages to the app and events such as directory changes.
/// </summary>
public static class AppXmlParser
{
    public static ParseResult Parse(string xml, DateTimeOffset receivedAt)
    {
        var root = SafeXml.TryParse(xml, out var error);
        if (root is null) return ParseResult.Failure(error!);

        var msgType = root.Child("MsgType");
        var sender = root.Child("FromUserName");
        if (msgType.Length == 0) return ParseResult.Failure("MsgType is missing");
        if (sender.Length == 0) return ParseResult.Failure("FromUserName is missing");

        var kind = MessageKinds.Parse(msgType);
        string? eventName = null;
        if (kind == MessageKind.Event)
        {
            var changeType = root.Child("ChangeType");
            eventName = changeType.Length > 0 ? $"{root.Child("Event")}/{changeType}" : root.Child("Event");
        }

        var msgId = root.Child("MsgId");
        if (msgId.Length == 0)
        {
            if (kind != MessageKind.Event) return ParseResult.Failure("MsgId is missing");
            // WeCom's documented dedupe for events: sender + CreateTime (+ the event, as one second may carry several).
            msgId = $"event:{sender}:{root.Child("CreateTime")}:{eventName}";
        }

        // A directory event names its subject in UserID; the "sender" of such an event is the system account.
        var text = kind == MessageKind.Text ? root.Child("Content").Trim() : root.Child("UserID");
        return ParseResult.Success(new InboundMessage(
            DedupeKey: msgId,
            Channel: Channel.App,
            ChatId: sender,
            ChatType: ChatType.Direct,
            SenderId: sender,
            SenderName: "",
            Kind: kind,
            RawKind: msgType,
            Text: text,
            Mentions: [],
            Quote: null,
            ReplyUrl: null,
            EventName: eventName,
            ReceivedAt: receivedAt));
    }
}
