using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Host.WeCom;

// WeCom's wire format, names spelled exactly as WeCom spells them.
internal sealed record TextBody(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("mentioned_list")] IReadOnlyList<string>? MentionedList = null);

internal sealed record MarkdownBody([property: JsonPropertyName("content")] string Content);

internal sealed record WebhookTextMessage(
    [property: JsonPropertyName("chatid")] string? ChatId,
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("text")] TextBody Text);

internal sealed record MarkdownMessage(
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("markdown")] MarkdownBody Markdown);

internal sealed record PrivateTextMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("agentid")] long AgentId,
    [property: JsonPropertyName("text")] TextBody Text,
    [property: JsonPropertyName("safe")] int Safe,
    [property: JsonPropertyName("enable_duplicate_check")] int EnableDuplicateCheck,
    [property: JsonPropertyName("duplicate_check_interval")] int DuplicateCheckInterval);

internal sealed record AppChatTextMessage(
    [property: JsonPropertyName("chatid")] string ChatId,
    [property: JsonPropertyName("msgtype")] string MsgType,
    [property: JsonPropertyName("text")] TextBody Text,
    [property: JsonPropertyName("safe")] int Safe);

/// <summary>Every field any WeCom answer we read may carry.</summary>
internal sealed record WeComAnswer(
    [property: JsonPropertyName("errcode")] int? ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg,
    [property: JsonPropertyName("invaliduser")] string? InvalidUser,
    [property: JsonPropertyName("invalidparty")] string? InvalidParty,
    [property: JsonPropertyName("invalidtag")] string? InvalidTag,
    [property: JsonPropertyName("unlicenseduser")] string? UnlicensedUser,
    [property: JsonPropertyName("msgid")] string? MsgId,
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebhookTextMessage))]
[JsonSerializable(typeof(MarkdownMessage))]
[JsonSerializable(typeof(PrivateTextMessage))]
[JsonSerializable(typeof(AppChatTextMessage))]
[JsonSerializable(typeof(WeComAnswer))]
internal sealed partial class WeComJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Chinese text goes out as UTF-8, not \u escapes: both are valid JSON, but raw UTF-8 keeps the body's bytes
    /// equal to what WeCom counts against its 2048-byte limit. (Characters outside the BMP, emoji, are still escaped.)
    /// </summary>
    public static WeComJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
