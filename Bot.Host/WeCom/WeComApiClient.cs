using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom;

/// <summary>
/// Sends through WeCom's APIs and answers with a <see cref="WeComSendResult"/>, never an exception (except the caller's
/// own cancellation). It retries only what cannot double-send: one refresh-and-retry on a rejected token, and whatever the
/// HTTP resilience handler retries (see <see cref="WeComClientServiceCollectionExtensions"/>). Every other retry is the outbox's.
/// </summary>
public sealed class WeComApiClient(HttpClient http, WeComTokenCache tokens, IOptions<WeComOptions> options)
{
    /// <summary>Seconds within which WeCom drops a repeat of the same private message when the duplicate check is on (its maximum is 4 h).</summary>
    public const int DuplicateCheckIntervalSeconds = 1800;

    /// <summary>
    /// A group post through a robot's webhook. <paramref name="chatId"/> names the one group it is for: a robot in several
    /// groups delivers a post without it to all of them (WeCom's default <c>@all_group</c>), so null is for a key that
    /// reaches one group only. An id that WeCom would read as several chats (<c>a|b</c>, <c>@all…</c>) is refused.
    /// </summary>
    public Task<WeComSendResult> SendWebhookTextAsync(
        Uri webhookUrl, string? chatId, string content, IReadOnlyList<string> mentionedUserIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mentionedUserIds);
        if (chatId is not null && !MessageKinds.IsSingleChatId(chatId))
            return Task.FromResult(WeComSendResult.NoAnswer("webhook/send", SendOutcome.Permanent, "refused: the chat id names more than one chat"));
        var message = new WebhookTextMessage(chatId, "text", new TextBody(content, mentionedUserIds.Count > 0 ? mentionedUserIds : null));
        return PostToApiHostAsync("webhook/send", webhookUrl, message, WeComJsonContext.Wire.WebhookTextMessage, ct);
    }

    /// <summary>The 智能机器人's response_url: single use, within an hour of the message it answers.</summary>
    public Task<WeComSendResult> SendResponseUrlMarkdownAsync(Uri responseUrl, string markdown, CancellationToken ct) =>
        PostToApiHostAsync("aibot/response", responseUrl, new MarkdownMessage("markdown", new MarkdownBody(markdown)),
            WeComJsonContext.Wire.MarkdownMessage, ct);

    /// <summary>
    /// A private text from the app (message/send). With <paramref name="duplicateCheck"/> WeCom drops a repeat of the same
    /// content to the same users within <see cref="DuplicateCheckIntervalSeconds"/>, which makes a retry after a lost answer safe.
    /// </summary>
    public Task<WeComSendResult> SendPrivateTextAsync(
        IReadOnlyList<string> toUsers, string content, bool duplicateCheck, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(toUsers);
        var message = new PrivateTextMessage(string.Join('|', toUsers), "text", options.Value.App.AgentId, new TextBody(content),
            Safe: 0, EnableDuplicateCheck: duplicateCheck ? 1 : 0, DuplicateCheckInterval: DuplicateCheckIntervalSeconds);
        return PostWithTokenAsync("message/send", "/cgi-bin/message/send",
            JsonSerializer.SerializeToUtf8Bytes(message, WeComJsonContext.Wire.PrivateTextMessage), ct);
    }

    /// <summary>A text to a group chat the app created (appchat/send).</summary>
    public Task<WeComSendResult> SendAppChatTextAsync(string chatId, string content, CancellationToken ct) =>
        PostWithTokenAsync("appchat/send", "/cgi-bin/appchat/send",
            JsonSerializer.SerializeToUtf8Bytes(new AppChatTextMessage(chatId, "text", new TextBody(content), Safe: 0),
                WeComJsonContext.Wire.AppChatTextMessage), ct);

    private async Task<WeComSendResult> PostToApiHostAsync<T>(
        string api, Uri target, T message, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);

        // Defence in depth behind the checks made when the address arrived: nothing reaches a host that is not WeCom's.
        if (!WeComHosts.From(options.Value).Allows(target))
        {
            return WeComSendResult.NoAnswer(api, SendOutcome.Permanent, "refused: the address is not on one of WeCom's hosts");
        }

        return await PostAsync(api, target, JsonSerializer.SerializeToUtf8Bytes(message, typeInfo), ct);
    }

    private async Task<WeComSendResult> PostWithTokenAsync(string api, string path, byte[] body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(ct);
            if (!token.IsSent)
            {
                return token;
            }

            var result = await PostAsync(api,
                WebhookAddress.ApiUri(options.Value.ApiBaseUrl, path, "access_token=" + Uri.EscapeDataString(token.AccessToken!)), body, ct);

            // 40014 invalid, 41001 missing, 42001 expired: refresh once and retry once; if it persists, Classify says Transient.
            if (attempt == 1 && result.ErrCode is 40014 or 41001 or 42001)
            {
                tokens.Invalidate(token.AccessToken!);
                continue;
            }

            return result;
        }
    }

    private async Task<WeComSendResult> PostAsync(string api, Uri uri, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        var (result, _) = await WeComHttp.CallAsync(http, request, api, keepRawBody: true, ct);
        return result;
    }
}
