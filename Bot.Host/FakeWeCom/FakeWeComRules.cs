using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Bot.Host.FakeWeCom.FakeWeComApi;

namespace Bot.Host.FakeWeCom;

/// <summary>What each WeCom endpoint accepts and how it answers, as far as the bot depends on it (WECOM.md, "Sending").</summary>
internal static class FakeWeComRules
{
    private const int TextMaxBytes = 2048;
    private const int MarkdownMaxBytes = 4096;
    private static readonly TimeSpan DefaultDuplicateCheckInterval = TimeSpan.FromSeconds(1800);

    private static readonly FakeAnswer BadJson = new(47001, "data format error");
    private static readonly FakeAnswer EmptyContent = new(44004, "empty content");
    private static readonly FakeAnswer TooLong = new(40058, "content exceed max length");
    private static readonly FakeAnswer BadMsgType = new(40008, "invalid message type");

    public static FakeAnswer GetToken(FakeWeComState state, FakeCall call)
    {
        if (!string.Equals(call.Query["corpid"], state.CorpId, StringComparison.Ordinal)
            || !string.Equals(call.Query["corpsecret"], state.CorpSecret, StringComparison.Ordinal))
        {
            return new FakeAnswer(40001, "invalid credential");
        }

        return new FakeAnswer(0, "ok", new JsonObject
        {
            ["access_token"] = state.IssueToken(),
            ["expires_in"] = (int)FakeWeComState.TokenLifetime.TotalSeconds,
        });
    }

    public static FakeAnswer WebhookSend(FakeWeComState state, FakeCall call)
    {
        var key = call.Draft.WebhookKey;
        if (string.IsNullOrEmpty(key) || (state.WebhookKeys.Count > 0 && !state.WebhookKeys.Contains(key)))
        {
            return new FakeAnswer(93000, "invalid webhook url");
        }

        if (call.Json is null)
        {
            return BadJson;
        }

        var refused = call.Draft.MsgType switch
        {
            "text" when Prop(call.Json.Value, "text") is { } text
                && Prop(text, "mentioned_list") is { } list && list.ValueKind != JsonValueKind.Array
                => new FakeAnswer(40035, "invalid parameter: mentioned_list"),
            "text" => CheckContent(call.Draft.Content, TextMaxBytes),
            "markdown" => CheckContent(call.Draft.Content, MarkdownMaxBytes),
            _ => BadMsgType,
        };
        if (refused is not null) return refused;

        // WeCom does not document its code for a chat the robot is not in; the fake refuses it with "invalid parameter".
        return state.Reach(key, call.Draft.ChatId) is { } reached
            ? FakeAnswer.Ok with { DeliveredTo = reached }
            : new FakeAnswer(40035, "invalid parameter: chatid (the robot is not in this chat)");
    }

    public static FakeAnswer MessageSend(FakeWeComState state, FakeCall call)
    {
        if (state.CheckToken(call.Query["access_token"]) is { } tokenError)
        {
            return new FakeAnswer(tokenError.ErrCode, tokenError.ErrMsg);
        }

        var d = call.Draft;
        if (call.Json is null)
        {
            return BadJson;
        }

        if (d.AgentId != state.AgentId)
        {
            return new FakeAnswer(40056, "invalid agentid");
        }

        if (string.IsNullOrEmpty(d.ToUser))
        {
            return new FakeAnswer(40035, "invalid parameter: touser");
        }

        if (d.MsgType != "text")
        {
            return BadMsgType;
        }

        if (CheckContent(d.Content, TextMaxBytes) is { } contentError)
        {
            return contentError;
        }

        var users = d.ToUser.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var invalid = state.KnownUsers.Count == 0 || d.ToUser == "@all" ? [] : users.Where(u => !state.KnownUsers.Contains(u)).ToArray();
        if (invalid.Length == users.Length && users.Length > 0)
        {
            return new FakeAnswer(81013, "user & party & tag all invalid");
        }

        var duplicateCheck = Prop(call.Json.Value, "enable_duplicate_check") is { ValueKind: JsonValueKind.Number } e && e.GetInt32() == 1;
        var interval = Prop(call.Json.Value, "duplicate_check_interval") is { ValueKind: JsonValueKind.Number } i
            ? TimeSpan.FromSeconds(i.GetInt32())
            : DefaultDuplicateCheckInterval;
        var duplicate = state.IsDuplicate(d.ToUser, d.Content!, duplicateCheck ? interval : TimeSpan.Zero);

        return new FakeAnswer(0, "ok", new JsonObject
        {
            ["invaliduser"] = string.Join('|', invalid),
            ["invalidparty"] = "",
            ["invalidtag"] = "",
            ["unlicenseduser"] = "",
            ["msgid"] = NewId(),
            ["response_code"] = NewId(),
        }, DroppedAsDuplicate: duplicate);
    }

    public static FakeAnswer AppChatSend(FakeWeComState state, FakeCall call)
    {
        if (state.CheckToken(call.Query["access_token"]) is { } tokenError)
        {
            return new FakeAnswer(tokenError.ErrCode, tokenError.ErrMsg);
        }

        if (call.Json is null)
        {
            return BadJson;
        }

        var chatId = call.Draft.ChatId;
        if (string.IsNullOrEmpty(chatId) || (state.AppChats.Count > 0 && !state.AppChats.Contains(chatId)))
        {
            return new FakeAnswer(86003, "chat not exist");
        }

        return call.Draft.MsgType switch
        {
            "text" => CheckContent(call.Draft.Content, TextMaxBytes) ?? FakeAnswer.Ok,
            "markdown" => CheckContent(call.Draft.Content, MarkdownMaxBytes) ?? FakeAnswer.Ok,
            _ => BadMsgType,
        };
    }

    /// <summary>A 智能机器人's response_url (doc 101138): markdown up to 20,480 bytes or a template card, once per response_code.</summary>
    public static FakeAnswer AiBotResponse(FakeWeComState state, FakeCall call)
    {
        var code = call.Query["response_code"].ToString();
        if (code.Length == 0) return new FakeAnswer(40035, "invalid parameter: response_code");
        var refused = call.Json is null ? BadJson
            : call.Draft.MsgType is "markdown" ? CheckContent(call.Draft.Content, 20480)
            : call.Draft.MsgType is "template_card" ? null
            : BadMsgType;
        if (refused is not null) return refused;
        // WeCom's code for a second use is not documented either; the fake answers "invalid parameter".
        return state.UseResponseCode(code) ? FakeAnswer.Ok : new FakeAnswer(40035, "invalid parameter: response_code already used");
    }

    private static FakeAnswer? CheckContent(string? content, int maxBytes) =>
        string.IsNullOrEmpty(content) ? EmptyContent
        : Encoding.UTF8.GetByteCount(content) > maxBytes ? TooLong
        : null;
}
