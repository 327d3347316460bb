using System.Text.Json;

namespace Bot.Host.WeCom.Archive;

/// <summary>One record of a GetChatData page, still encrypted.</summary>
public sealed record EncryptedRecord(long Seq, string MsgId, int? PublicKeyVersion, string EncryptRandomKey, string EncryptChatMsg);

/// <summary>
/// One decrypted archive message. <see cref="Action"/> is <c>send</c>, <c>recall</c> or <c>switch</c>; a recall's
/// <see cref="MsgType"/> is <c>revoke</c> and <see cref="RecalledMsgId"/> names the message taken back. A switch (a member
/// switching corps) carries no sender, room or type.
/// </summary>
public sealed record ArchiveMessage(string MsgId, string Action, string From, IReadOnlyList<string> ToList, string RoomId,
    DateTimeOffset SentAt, string MsgType, string Text, string? RecalledMsgId);

/// <summary>
/// Reads the SDK's JSON: a GetChatData page and a DecryptData message.
/// </summary>
/// <remarks>
/// The facts relied on, each checked against public material (2026-11-29):
/// <list type="bullet">
/// <item>Functions, signatures, error codes 10000–10011, <c>Slice_t {char* buf; int len;}</c>: the SDK's header
///   <c>WeWorkFinanceSdk_C.h</c>, as shipped in Tencent's SDK archive and republished by NICEXAI/WeWorkFinanceSDK
///   (<c>lib/WeWorkFinanceSdk_C.h</c>); the same declarations are used through ctypes/cgo/koffi by public wrappers.
///   GetMediaData is <c>(sdk, indexbuf, sdkFileid, proxy, passwd, timeout, MediaData_t*)</c>.</item>
/// <item>GetChatData returns the records after <c>seq</c> ("返回的消息从seq+1开始返回"), first call with 0, at most 1,000 per
///   call ("超过1000条会返回错误"), as <c>{"errcode","errmsg","chatdata":[{"seq","msgid","publickey_ver",
///   "encrypt_random_key","encrypt_chat_msg"}]}</c>: the header's own example. The errcode inside the JSON is checked
///   as well as the function's return (NICEXAI client_linux.go does both).</item>
/// <item><c>encrypt_random_key</c> is base64 of RSA with PKCS#1 v1.5 padding under the corp's public key of version
///   <c>publickey_ver</c>: NICEXAI rsa.go (<c>rsa.DecryptPKCS1v15</c>), francislyj/wework-chat (keys by version,
///   "需采用RSA PKCS1秘钥"); the header: DecryptData takes "encrypt_random_key … 使用企业自持对应版本秘钥RSA解密后的内容".</item>
/// <item>The message: <c>msgid, action (send|recall|switch), from, tolist, roomid ("" for one-to-one), msgtime (ms, UTC),
///   msgtype</c>; text in <c>text.content</c>; <c>mixed.item[]</c> of <c>{type, content}</c> where content is itself a
///   JSON string; a recall is <c>action "recall", msgtype "revoke", revoke.pre_msgid</c>; a switch is only
///   <c>{msgid, action "switch", time, user}</c>: doc 91774 as summarised in NICEXAI message.go, and real decrypted
///   records quoted in public projects (a recall with <c>"msgtime":1603875615723</c>, a group mixed message with
///   <c>"roomid":"wr_tZ2Bw…"</c>, a switch record).</item>
/// <item>A robot's messages carry an external id starting "wb" as <c>from</c> (doc 91774: "消息如果是机器人发出，也为
///   external_userid"; wener.me/notes/platform/wecom/archive: "机器人的external_userid是以wb开头").</item>
/// <item>DecryptData can return raw control characters inside strings, which strict JSON refuses: NICEXAI drops bytes
///   below 0x20 before parsing. Here a message is parsed as it is first, and only if that fails with them as spaces.</item>
/// <item><c>msgaudit_notify</c> (doc 95039): an XML event <c>FromUserName sys, MsgType event, Event msgaudit_notify</c>,
///   at most every 15 s, sent to the URL set in the archive's own 接收事件服务器 settings (with its own Token and
///   EncodingAESKey) — not automatically to the app's callback.</item>
/// </list>
/// </remarks>
public static class ArchiveRecords
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <summary>A GetChatData page: its records in seq order. Throws <see cref="ArchiveSdkException"/> for an errcode, JsonException for a page that is not one.</summary>
    public static IReadOnlyList<EncryptedRecord> ParsePage(string json)
    {
        using var document = JsonDocument.Parse(json, Options);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("the page is not a JSON object");
        if (root.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0)
            throw new ArchiveSdkException(code.GetInt32(), "GetChatData");
        if (!root.TryGetProperty("chatdata", out var data) || data.ValueKind == JsonValueKind.Null) return [];
        if (data.ValueKind != JsonValueKind.Array) throw new JsonException("chatdata is not an array");

        var records = new List<EncryptedRecord>();
        foreach (var item in data.EnumerateArray())
        {
            // Without its seq a record cannot be placed: the page as a whole cannot be trusted.
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out var number))
                throw new JsonException("a record has no seq");
            records.Add(new EncryptedRecord(number, Str(item, "msgid"),
                item.TryGetProperty("publickey_ver", out var version) && version.TryGetInt32(out var v) ? v : null,
                Str(item, "encrypt_random_key"), Str(item, "encrypt_chat_msg")));
        }

        return [.. records.OrderBy(r => r.Seq)];
    }

    /// <summary>A decrypted message, or null with the reason when it is not one.</summary>
    public static ArchiveMessage? ParseMessage(string json, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException)
        {
            try
            {
                document = JsonDocument.Parse(WithoutControlCharacters(json), Options);
            }
            catch (JsonException ex)
            {
                problem = $"not JSON: {ex.Message}";
                return null;
            }
        }

        using (document)
        {
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object ? "not a JSON object"
                : Str(root, "msgid").Length == 0 ? "msgid is missing"
                : Str(root, "action").Length == 0 ? "action is missing"
                : null;
            if (problem is not null) return null;

            var action = Str(root, "action");
            if (action == "switch") return new ArchiveMessage(Str(root, "msgid"), action, "", [], "", Millis(root, "time") ?? default, "", "", null);

            var sentAt = Millis(root, "msgtime");
            problem = Str(root, "from").Length == 0 ? "from is missing"
                : sentAt is null ? "msgtime is missing"
                : Str(root, "msgtype").Length == 0 ? "msgtype is missing"
                : null;
            if (problem is not null) return null;

            var msgType = Str(root, "msgtype");
            var toList = root.TryGetProperty("tolist", out var to) && to.ValueKind == JsonValueKind.Array
                ? to.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : [];
            var recalled = msgType == "revoke" && root.TryGetProperty("revoke", out var revoke) && revoke.ValueKind == JsonValueKind.Object
                ? Str(revoke, "pre_msgid") : null;
            return new ArchiveMessage(Str(root, "msgid"), action, Str(root, "from"), toList, Str(root, "roomid"), sentAt!.Value,
                msgType, TextOf(root, msgType), string.IsNullOrEmpty(recalled) ? null : recalled);
        }
    }

    private static string TextOf(JsonElement root, string msgType) => msgType switch
    {
        "text" => Nested(root, "text", "content"),
        // A robot's markdown post (the archive records robots too).
        "markdown" => Nested(root, "info", "content"),
        // Text and pictures interleaved; each text item's content is a JSON string of its own: {"content":"…"}.
        "mixed" when root.TryGetProperty("mixed", out var mixed) && mixed.ValueKind == JsonValueKind.Object
            && mixed.TryGetProperty("item", out var items) && items.ValueKind == JsonValueKind.Array
            => string.Join("\n", items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && Str(i, "type") == "text")
                .Select(i => InnerContent(Str(i, "content"))).Where(t => t.Length > 0)),
        _ => "",
    };

    private static string InnerContent(string json)
    {
        try
        {
            using var inner = JsonDocument.Parse(json, Options);
            return inner.RootElement.ValueKind == JsonValueKind.Object ? Str(inner.RootElement, "content") : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static DateTimeOffset? Millis(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var ms) && ms > 0 && ms < 253_402_300_800_000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private static string Nested(JsonElement element, string parent, string child) =>
        element.TryGetProperty(parent, out var p) && p.ValueKind == JsonValueKind.Object ? Str(p, child) : "";

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => value.GetRawText(),
            _ => "",
        } : "";

    private static string WithoutControlCharacters(string json) =>
        string.Create(json.Length, json, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = source[i] < ' ' ? ' ' : source[i];
        });
}
