namespace Bot.Rules.Messages;

/// <summary>Which WeCom callback delivered a message; each has its own wire format and crypto credentials.</summary>
public enum Channel { Robot, AiBot, App }

public enum ChatType { Group, Direct }

/// <summary>What a message carries. <see cref="Unknown"/> is recorded and ignored by every rule.</summary>
public enum MessageKind { Text, Image, Mixed, Voice, File, Attachment, Stream, Event, Unknown }

/// <summary>
/// One message as the rules see it, whatever channel brought it. Immutable: parsed once, then only read.
/// </summary>
/// <param name="DedupeKey">WeCom's msg id, or for events without one <c>event:{sender}:{createTime}:{event}</c>; WeCom retries up to 3 times, this key makes them one.</param>
/// <param name="ChatId">The group's chat id (WeCom's <c>chatid</c>, a single chat, never a list); for a one-to-one chat, the sender's user id.</param>
/// <param name="Text">The text with the bot's own @-mentions removed wherever they stood, whitespace trimmed; empty for non-text kinds.</param>
/// <param name="Mentions">The other @-mentions in the text, as written (display names or user ids), in order; never the bot.</param>
/// <param name="Quote">The text of a quoted message, when the member replied to one.</param>
/// <param name="ReplyUrl">Where a reply can be posted: the robot's WebhookUrl or the 智能机器人's response_url, rebuilt
/// from WeCom's own host and path; null when the payload had none or named anything else.</param>
/// <param name="EventName">For <see cref="MessageKind.Event"/>: the event (e.g. <c>change_contact/delete_user</c>).</param>
/// <param name="RawKind">The msgtype exactly as WeCom sent it, so unknown kinds are still explainable.</param>
public sealed record InboundMessage(
    string DedupeKey,
    Channel Channel,
    string ChatId,
    ChatType ChatType,
    string SenderId,
    string SenderName,
    MessageKind Kind,
    string RawKind,
    string Text,
    IReadOnlyList<string> Mentions,
    string? Quote,
    string? ReplyUrl,
    string? EventName,
    DateTimeOffset ReceivedAt)
{
    public bool IsGroup => ChatType == ChatType.Group;
}
