using System.Text.Json;
using Bot.Rules.Messages;

namespace Bot.Host.WeCom;

/// <summary>
/// The 智能机器人's API-mode callback (docs 100719/101031): JSON, delivered in a group only when the bot is @-mentioned,
/// and events such as <c>enter_chat</c> (someone opened a chat with the bot; no <c>chatid</c>, no <c>chattype</c>).
/// </summary>
public static class AiBotJsonParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static ParseResult Parse(string json, DateTimeOffset receivedAt, IReadOnlyList<string> botNames)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return ParseResult.Failure($"malformed JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ParseResult.Failure("the payload is not a JSON object");

            var msgId = Str(root, "msgid");
            var msgType = Str(root, "msgtype");
            var sender = root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object
                ? Str(from, "userid") : "";
            if (msgType.Length == 0) return ParseResult.Failure("msgtype is missing");
            if (sender.Length == 0) return ParseResult.Failure("from.userid is missing");

            var kind = MessageKinds.Parse(msgType);
            string? eventName = kind == MessageKind.Event && root.TryGetProperty("event", out var ev)
                && ev.ValueKind == JsonValueKind.Object ? Str(ev, "eventtype") : null;
            if (msgId.Length == 0)
            {
                if (kind != MessageKind.Event) return ParseResult.Failure("msgid is missing");
                msgId = $"event:{sender}:{Str(root, "create_time")}:{eventName}";
            }

            var chatType = MessageKinds.ParseChatType(Str(root, "chattype"));
            var chatId = Str(root, "chatid");
            if (chatType == ChatType.Group && chatId.Length == 0) return ParseResult.Failure("chatid is missing from a group message");
            if (chatId.Length > 0 && !MessageKinds.IsSingleChatId(chatId)) return ParseResult.Failure("chatid is not a single chat id");
            var (text, mentions) = MentionText.Split(TextOf(root, kind), botNames);
            var quote = root.TryGetProperty("quote", out var q) && q.ValueKind == JsonValueKind.Object
                ? NullIfEmpty(TextOf(q, MessageKinds.Parse(Str(q, "msgtype")))) : null;

            return ParseResult.Success(new InboundMessage(
                DedupeKey: msgId,
                Channel: Channel.AiBot,
                ChatId: chatId.Length > 0 ? chatId : sender,
                ChatType: chatType,
                SenderId: sender,
                SenderName: "",
                Kind: kind,
                RawKind: msgType,
                Text: text,
                Mentions: mentions,
                Quote: quote,
                ReplyUrl: NullIfEmpty(Str(root, "response_url")),
                EventName: eventName,
                ReceivedAt: receivedAt));
        }
    }

    private static string TextOf(JsonElement message, MessageKind kind) => kind switch
    {
        MessageKind.Text => Nested(message, "text", "content"),
        MessageKind.Voice => Nested(message, "voice", "content"),
        MessageKind.Mixed when message.TryGetProperty("mixed", out var mixed) && mixed.ValueKind == JsonValueKind.Object
            && mixed.TryGetProperty("msg_item", out var items) && items.ValueKind == JsonValueKind.Array
            => string.Join("\n", items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
                .Select(i => Nested(i, "text", "content")).Where(t => t.Length > 0)),
        _ => "",
    };

    private static string Nested(JsonElement element, string parent, string child) =>
        element.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object ? Str(p, child) : "";

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim() ?? "",
            JsonValueKind.Number => value.GetRawText(),
            _ => "",
        } : "";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
