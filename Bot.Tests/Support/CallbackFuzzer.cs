using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Host.WeCom;

namespace Bot.Tests.Support;

/// <summary>One generated request: what it tries, and whether a 200 is acceptable (only a replay of an already recorded message).</summary>
public sealed record FuzzCase(int Index, string Kind, HttpMethod Method, string PathAndQuery, byte[]? Body, bool MayBeAccepted)
{
    public override string ToString() =>
        $"#{Index} {Kind} {Method} {(PathAndQuery.Length > 200 ? PathAndQuery[..200] + $"…({PathAndQuery.Length} chars)" : PathAndQuery)} " +
        $"body={(Body is null ? "none" : Body.Length > 300 ? $"{Body.Length} bytes" : Convert.ToBase64String(Body))}";
}

/// <summary>
/// Generates hostile callbacks for the three encrypted endpoints, deterministically from (seed, index), so any case a run
/// reports can be rebuilt from its index alone. Ciphertexts with valid signatures but broken insides are built with raw
/// AES-CBC, bypassing <see cref="WeComCrypto"/>'s own (correct) padding and length fields.
/// </summary>
public sealed class CallbackFuzzer(int seed, long now, IReadOnlyList<CallbackFuzzer.BaseRequest> recorded)
{
    /// <summary>A valid request whose message is already recorded; mutations of it may only ever be duplicates.</summary>
    public sealed record BaseRequest(string PathAndQuery, byte[] Body);

    public sealed record ChannelKeys(string Path, string Token, string EncodingAesKey, string ReceiveId, EnvelopeFormat Format)
    {
        public byte[] Key { get; } = Convert.FromBase64String(EncodingAesKey + "=");
        public WeComCrypto Crypto { get; } = new(Token, EncodingAesKey, ReceiveId);
    }

    public static readonly ChannelKeys[] Channels =
    [
        new("/wecom/callback", WeComVectors.TokenC, WeComVectors.KeyC, "", EnvelopeFormat.Xml),
        new("/wecom/aibot", WeComVectors.TokenB, WeComVectors.KeyB, "", EnvelopeFormat.Json),
        new("/wecom/app", WeComVectors.TokenA, WeComVectors.KeyA, WeComVectors.CorpIdA, EnvelopeFormat.Xml),
    ];

    private static readonly string[] Kinds =
    [
        "random-body", "random-query", "mutated", "bad-signature", "bad-base64", "wrong-length", "bad-padding",
        "bad-length-field", "invalid-utf8", "deep-nesting", "dtd-entities", "huge-json", "wrong-receive-id",
        "stale-timestamp", "future-timestamp", "missing-params", "get-junk", "incomplete-payload", "cross-channel",
    ];

    public FuzzCase Generate(int index)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + index));
        var channel = Channels[rng.Next(Channels.Length)];
        // Bodies over the limit are refused before they are read; a few of them, since each costs a quarter megabyte.
        if (rng.Next(500) == 0)
            return Post(index, "oversized", channel, Query(channel, "x", now, "1"), RandomBytes(rng, 256 * 1024 + 1 + rng.Next(64 * 1024)));
        var kind = Kinds[rng.Next(Kinds.Length)];
        return kind switch
        {
            "random-body" => Post(index, kind, channel, RandomQuery(rng), RandomBytes(rng, rng.Next(2048))),
            "random-query" => rng.Next(2) == 0
                ? Get(index, kind, channel, RandomQuery(rng) + "&echostr=" + Uri.EscapeDataString(RandomText(rng, rng.Next(200))))
                : Post(index, kind, channel, RandomQuery(rng), Envelope(channel, RandomText(rng, rng.Next(300)))),
            "mutated" => Mutated(index, rng),
            "bad-signature" => BadSignature(index, rng, channel),
            "bad-base64" => Signed(index, kind, channel, BadBase64(rng, channel), rng),
            "wrong-length" => Signed(index, kind, channel, Convert.ToBase64String(RandomBytes(rng, WrongLength(rng))), rng),
            "bad-padding" => Signed(index, kind, channel, BadPadding(rng, channel, index), rng),
            "bad-length-field" => Signed(index, kind, channel, BadLengthField(rng, channel, index), rng),
            "invalid-utf8" => Signed(index, kind, channel, InvalidUtf8(rng, channel, index), rng),
            "deep-nesting" => DeepNesting(index, rng, channel),
            "dtd-entities" => Dtd(index, rng, channel),
            "huge-json" => HugeJson(index, rng),
            "wrong-receive-id" => Signed(index, kind, channel, WrongReceiveId(rng, channel, index), rng),
            "stale-timestamp" => Signed(index, kind, channel, channel.Crypto.Encrypt(ValidPayload(channel, index)), rng, now - 301 - rng.NextInt64(1_000_000_000)),
            "future-timestamp" => Signed(index, kind, channel, channel.Crypto.Encrypt(ValidPayload(channel, index)), rng, now + 301 + rng.NextInt64(1_000_000_000)),
            "missing-params" => MissingParams(index, rng, channel),
            "get-junk" => GetJunk(index, rng, channel),
            "incomplete-payload" => Signed(index, kind, channel, channel.Crypto.Encrypt(IncompletePayload(rng, channel, index)), rng, echoable: true),
            "cross-channel" => CrossChannel(index, rng, channel),
            _ => throw new InvalidOperationException(kind),
        };
    }

    /// <summary>A message every channel would accept and record, with a msg id no base request uses.</summary>
    public static string ValidPayload(ChannelKeys channel, int index) => channel.Format == EnvelopeFormat.Json
        ? Payloads.AiBotText($"fuzz-{index}", "fuzz-chat", "fuzzer", "你好")
        : channel.Path == "/wecom/app"
            ? Payloads.AppText($"fuzz-{index}", "fuzzer", "你好")
            : Payloads.RobotText($"fuzz-{index}", "fuzz-chat", "fuzzer", "模糊", "你好");

    public static string Query(ChannelKeys channel, string encrypt, long timestamp, string nonce) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{channel.Path}?msg_signature={WeComCrypto.Signature(channel.Token, timestamp.ToString(CultureInfo.InvariantCulture), nonce, encrypt)}&timestamp={timestamp}&nonce={nonce}");

    public static byte[] Envelope(ChannelKeys channel, string encrypt) => Encoding.UTF8.GetBytes(channel.Format == EnvelopeFormat.Json
        ? System.Text.Json.JsonSerializer.Serialize(new { encrypt })
        : $"<xml><ToUserName><![CDATA[{channel.ReceiveId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID>1000002</AgentID></xml>");

    private static FuzzCase Post(int index, string kind, ChannelKeys channel, string query, byte[] body, bool mayBeAccepted = false) =>
        new(index, kind, HttpMethod.Post, query.StartsWith('/') ? query : channel.Path + query, body, mayBeAccepted);

    private static FuzzCase Get(int index, string kind, ChannelKeys channel, string query) =>
        new(index, kind, HttpMethod.Get, query.StartsWith('/') ? query : channel.Path + query, null, false);

    /// <summary>A correctly signed request carrying <paramref name="encrypt"/>, as POST (or, sometimes, as GET's echostr).</summary>
    /// <remarks>
    /// URL verification answers the decrypted echostr, whatever it says: a well-formed ciphertext signed with our token
    /// (<paramref name="echoable"/>) may get 200 by GET, and that stores nothing. A broken one must be refused either way.
    /// </remarks>
    private FuzzCase Signed(int index, string kind, ChannelKeys channel, string encrypt, Random rng, long? timestamp = null, bool echoable = false)
    {
        var nonce = rng.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = Query(channel, encrypt, timestamp ?? now, nonce);
        return rng.Next(5) == 0
            ? Get(index, kind, channel, query + "&echostr=" + Uri.EscapeDataString(encrypt)) with { MayBeAccepted = echoable && timestamp is null }
            : Post(index, kind, channel, query, Envelope(channel, encrypt));
    }

    private const string Specials = "<>&\"'=+/ \0][";

    private FuzzCase Mutated(int index, Random rng)
    {
        var basis = recorded[rng.Next(recorded.Count)];
        var body = basis.Body.ToList();
        for (var m = rng.Next(1, 9); m > 0 && body.Count > 0; m--)
        {
            var at = rng.Next(body.Count);
            switch (rng.Next(4))
            {
                case 0: body[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: body.RemoveAt(at); break;
                case 2: body.Insert(at, (byte)rng.Next(256)); break;
                default: body[at] = (byte)Specials[rng.Next(Specials.Length)]; break;
            }
        }

        var query = basis.PathAndQuery;
        if (rng.Next(4) == 0)
        {
            var chars = query.ToCharArray();
            var at = rng.Next(chars.Length);
            chars[at] = (char)rng.Next(0x21, 0x7f);
            query = new string(chars);
        }

        return new FuzzCase(index, "mutated", HttpMethod.Post, query.StartsWith('/') ? query : "/" + query, [.. body], MayBeAccepted: true);
    }

    private FuzzCase BadSignature(int index, Random rng, ChannelKeys channel)
    {
        var encrypt = channel.Crypto.Encrypt(ValidPayload(channel, index));
        var ts = now.ToString(CultureInfo.InvariantCulture);
        var nonce = rng.Next().ToString(CultureInfo.InvariantCulture);
        var good = WeComCrypto.Signature(channel.Token, ts, nonce, encrypt);
        var bad = rng.Next(9) switch
        {
            0 => RandomHex(rng, 40),
            1 => Flip(good, 0),
            2 => Flip(good, 39),
            3 => Flip(good, rng.Next(40)),
            4 => good[..rng.Next(40)],
            5 => good + RandomHex(rng, rng.Next(1, 10)),
            6 => WeComCrypto.Signature(channel.Token + "x", ts, nonce, encrypt),
            7 => WeComCrypto.Signature(channel.Token, ts, nonce + "1", encrypt),
            _ => RandomText(rng, rng.Next(1, 60)),
        };
        return Post(index, "bad-signature", channel,
            $"?msg_signature={Uri.EscapeDataString(bad)}&timestamp={ts}&nonce={nonce}", Envelope(channel, encrypt));
    }

    private static string Flip(string hex, int at) => hex[..at] + (hex[at] == '0' ? '1' : '0') + hex[(at + 1)..];

    private static string BadBase64(Random rng, ChannelKeys channel)
    {
        var valid = channel.Crypto.Encrypt("x");
        return rng.Next(7) switch
        {
            0 => valid[..^1],
            1 => valid + "=",
            2 => valid.Insert(rng.Next(valid.Length), " "),
            3 => valid.Insert(rng.Next(valid.Length), "*"),
            4 => valid.Replace('+', '-').Replace('/', '_') + "-_",
            5 => "====" + valid,
            _ => RandomText(rng, rng.Next(1, 200)),
        };
    }

    private static int WrongLength(Random rng)
    {
        var n = rng.Next(0, 400);
        return n % 16 == 0 && n > 0 ? n + 1 + rng.Next(15) : n;
    }

    private static string BadPadding(Random rng, ChannelKeys channel, int index)
    {
        var content = Content(rng, channel, Encoding.UTF8.GetBytes(ValidPayload(channel, index)), null, channel.ReceiveId);
        var padded = rng.Next(5) switch
        {
            // Pad byte 0, or above 32, or larger than the whole buffer.
            0 => PadWith(content, 16, 0),
            1 => PadWith(content, 16, (byte)rng.Next(33, 256)),
            2 => PadWith(content, 16, 255),
            // Pad bytes that disagree with each other.
            3 => Inconsistent(PadTo32(content), rng),
            // No padding at all: the last message byte is read as the pad.
            _ => Align(content, rng),
        };
        return RawEncrypt(channel, padded);
    }

    private static byte[] Inconsistent(byte[] padded, Random rng)
    {
        var pad = padded[^1];
        if (pad > 1) padded[^(1 + rng.Next(1, pad))] ^= 0x5A;
        else padded[^1] = 0;
        return padded;
    }

    private static byte[] Align(byte[] content, Random rng)
    {
        var length = content.Length - content.Length % 16;
        if (length == 0) length = 16;
        var result = new byte[length];
        content.AsSpan(0, Math.Min(length, content.Length)).CopyTo(result);
        result[^1] = (byte)rng.Next(33, 256);
        return result;
    }

    private static string BadLengthField(Random rng, ChannelKeys channel, int index)
    {
        var message = Encoding.UTF8.GetBytes(ValidPayload(channel, index));
        int length = rng.Next(5) switch
        {
            0 => -1 - rng.Next(int.MaxValue),
            1 => int.MaxValue,
            2 => message.Length + channel.ReceiveId.Length + 1 + rng.Next(64),
            3 => message.Length - 1 - rng.Next(Math.Max(1, message.Length - 1)),
            _ => rng.Next(),
        };
        return RawEncrypt(channel, PadTo32(Content(rng, channel, message, length, channel.ReceiveId)));
    }

    private static string InvalidUtf8(Random rng, ChannelKeys channel, int index)
    {
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80]];
        var message = Encoding.UTF8.GetBytes(ValidPayload(channel, index)).ToList();
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            // Between two ASCII bytes, so that a truncated sequence cannot complete itself with the next character's bytes.
            var at = rng.Next(message.Count);
            while (at < message.Count && (message[at] >= 0x80 || (at > 0 && message[at - 1] >= 0x80))) at++;
            message.InsertRange(at, bad[rng.Next(bad.Length)]);
        }
        return RawEncrypt(channel, PadTo32(Content(rng, channel, [.. message], null, channel.ReceiveId)));
    }

    private FuzzCase DeepNesting(int index, Random rng, ChannelKeys channel)
    {
        var depth = rng.Next(4) == 0 ? rng.Next(5_000, 20_000) : rng.Next(33, 2_000);
        var inner = channel.Format == EnvelopeFormat.Json
            ? new string('[', depth) + new string(']', depth)
            : "<xml>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</xml>";
        if (rng.Next(4) == 0)
        {
            // The nesting in the envelope itself, before any decryption.
            var outer = channel.Format == EnvelopeFormat.Json
                ? "{\"encrypt\":" + new string('[', depth) + new string(']', depth) + "}"
                : "<xml><Encrypt>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Encrypt></xml>";
            return Post(index, "deep-nesting", channel, Query(channel, "x", now, "1"), Encoding.UTF8.GetBytes(outer));
        }

        return Signed(index, "deep-nesting", channel, channel.Crypto.Encrypt(inner), rng, echoable: true);
    }

    private static readonly string[] DtdPayloads =
    [
        // Billion laughs.
        """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><xml><MsgType>text</MsgType><MsgId>dtd-1</MsgId><From><UserId>&lol9;</UserId></From><FromUserName>&lol9;</FromUserName><Content>&lol9;</Content></xml>""",
        // External entities: a local file and a local port.
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><MsgType>text</MsgType><MsgId>dtd-2</MsgId><From><UserId>&xxe;</UserId></From><FromUserName>&xxe;</FromUserName><Content>&xxe;</Content></xml>""",
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/evil">]><xml><MsgType>text</MsgType><MsgId>dtd-3</MsgId><From><UserId>&xxe;</UserId></From><FromUserName>u</FromUserName></xml>""",
        // A parameter entity fetching an external DTD.
        """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]><xml><MsgType>text</MsgType><MsgId>dtd-4</MsgId><From><UserId>u</UserId></From><FromUserName>u</FromUserName></xml>""",
        // An external DTD by public id, and a harmless-looking internal one.
        """<?xml version="1.0"?><!DOCTYPE xml PUBLIC "-//X//Y" "http://127.0.0.1:9/x.dtd"><xml><MsgType>text</MsgType><MsgId>dtd-5</MsgId><From><UserId>u</UserId></From><FromUserName>u</FromUserName></xml>""",
        """<!DOCTYPE xml [<!ELEMENT xml ANY>]><xml><MsgType>text</MsgType><MsgId>dtd-6</MsgId><From><UserId>u</UserId></From><FromUserName>u</FromUserName><Content>c</Content></xml>""",
        // Quadratic blow-up: one big entity referenced many times.
        "<!DOCTYPE x [<!ENTITY a \"" + new string('a', 20_000) + "\">]><xml><MsgType>text</MsgType><MsgId>dtd-7</MsgId><From><UserId>" + string.Concat(Enumerable.Repeat("&a;", 2_000)) + "</UserId></From></xml>",
    ];

    private FuzzCase Dtd(int index, Random rng, ChannelKeys channel)
    {
        var payload = DtdPayloads[rng.Next(DtdPayloads.Length)];
        if (rng.Next(3) == 0)
        {
            // The DTD in the envelope, where the ciphertext is looked for.
            var outer = payload.Replace("<xml>", "<xml><Encrypt>&xxe;</Encrypt>", StringComparison.Ordinal);
            return Post(index, "dtd-entities", channel, Query(channel, "x", now, "1"), Encoding.UTF8.GetBytes(outer));
        }

        return Signed(index, "dtd-entities", channel, channel.Crypto.Encrypt(payload), rng, echoable: true);
    }

    private FuzzCase HugeJson(int index, Random rng)
    {
        var channel = Channels[1];
        var big = new string((char)rng.Next('a', 'z' + 1), rng.Next(10_000, 150_000));
        var digits = "9" + new string('9', rng.Next(1_000, 100_000));
        var json = rng.Next(7) switch
        {
            // Ids far longer than any WeCom issues, incompressible: too long for a unique index entry.
            6 => $$$"""{"msgid":"{{{RandomAlnum(rng, rng.Next(3_000, 60_000))}}}","msgtype":"text","chattype":"group","chatid":"c","from":{"userid":"u"},"text":{"content":"hi"}}""",
            0 => $$$"""{"msgid":"fuzz-{{{index}}}","msgtype":"{{{big}}}"}""",
            1 => $$$"""{"msgid":{{{digits}}},"msgtype":"text","from":{"userid":{{{digits}}}}}""",
            2 => $$$"""{"msgid":"fuzz-{{{index}}}","msgtype":"text","create_time":1e999999999,"from":{"name":{{{digits}}}},"text":{"content":"{{{big}}}"}}""",
            3 => $$$"""{"msgid":"fuzz-{{{index}}}","msgtype":"text","text":{"content":"{{{big}}}"},"from":{"userid":""}}""",
            4 => $$$"""{"{{{big}}}":{{{digits}}}}""",
            // A lone surrogate escape; no sender, so even a parser that let it through must refuse the message.
            _ => $$$"""{"msgid":"fuzz-{{{index}}}","msgtype":"text","from":{"userid":"\ud800"},"text":{"content":"\udfff{{{big}}}"}""",
        };
        return Signed(index, "huge-json", channel, channel.Crypto.Encrypt(json), rng, echoable: true);
    }

    private static string WrongReceiveId(Random rng, ChannelKeys channel, int index)
    {
        string[] ids = [WeComVectors.CorpIdA, "", "ww-other-corp", channel.ReceiveId + "x", channel.ReceiveId.ToUpperInvariant() + "X", "\0", RandomAscii(rng, rng.Next(1, 40))];
        var id = ids.Where(i => i != channel.ReceiveId).ElementAt(rng.Next(ids.Count(i => i != channel.ReceiveId)));
        return new WeComCrypto(channel.Token, channel.EncodingAesKey, id).Encrypt(ValidPayload(channel, index));
    }

    private FuzzCase MissingParams(int index, Random rng, ChannelKeys channel)
    {
        var encrypt = channel.Crypto.Encrypt(ValidPayload(channel, index));
        var nonce = rng.Next().ToString(CultureInfo.InvariantCulture);
        string[] timestamps = ["", "abc", "+" + now, " " + now, now + " ", "-" + now, "1e9", "99999999999999999999999", "١٢٣", now + ".0", "0x10"];
        var ts = timestamps[rng.Next(timestamps.Length)];
        var signature = WeComCrypto.Signature(channel.Token, ts, nonce, encrypt);
        var parts = new List<string>();
        var drop = rng.Next(8);
        if ((drop & 1) == 0 || ts.Length > 0) parts.Add("msg_signature=" + signature);
        if ((drop & 2) == 0 && rng.Next(2) == 0) parts.Add("timestamp=" + Uri.EscapeDataString(ts));
        if ((drop & 4) == 0) parts.Add("nonce=" + nonce);
        if (parts.Count == 3) parts.RemoveAt(rng.Next(3));
        var query = parts.Count == 0 ? "" : "?" + string.Join('&', parts);
        return rng.Next(4) == 0
            ? Get(index, "missing-params", channel, query + (query.Length == 0 ? "?" : "&") + "echostr=" + Uri.EscapeDataString(encrypt))
            : Post(index, "missing-params", channel, query, Envelope(channel, encrypt));
    }

    private FuzzCase GetJunk(int index, Random rng, ChannelKeys channel)
    {
        var echo = rng.Next(6) switch
        {
            0 => "",
            1 => RandomText(rng, rng.Next(1, 300)),
            2 => Convert.ToBase64String(RandomBytes(rng, 16 * rng.Next(1, 20))),
            3 => BadPadding(rng, channel, index),
            4 => BadLengthField(rng, channel, index),
            _ => WrongReceiveId(rng, channel, index),
        };
        var nonce = rng.Next().ToString(CultureInfo.InvariantCulture);
        var signed = rng.Next(3) != 0;
        var query = signed ? Query(channel, echo, now, nonce) : $"{channel.Path}?msg_signature={RandomHex(rng, 40)}&timestamp={now}&nonce={nonce}";
        // Sometimes unencoded, as a careless proxy would pass it: '+' turns into ' '.
        return Get(index, "get-junk", channel, query + "&echostr=" + (rng.Next(4) == 0 ? echo : Uri.EscapeDataString(echo)));
    }

    private static string IncompletePayload(Random rng, ChannelKeys channel, int index) => (channel.Format, rng.Next(4)) switch
    {
        (EnvelopeFormat.Json, 0) => $$$"""{"msgid":"fuzz-{{{index}}}","msgtype":"text","text":{"content":"hi"}}""",
        (EnvelopeFormat.Json, 1) => "[1,2,3]",
        (EnvelopeFormat.Json, 2) => "\"just a string\"",
        (EnvelopeFormat.Json, _) => $$$"""{"msgid":"fuzz-{{{index}}}","from":{"userid":"u"}}""",
        (_, 0) => $"<xml><MsgType>text</MsgType><MsgId>fuzz-{index}</MsgId></xml>",
        (_, 1) => "<xml><MsgType>text</MsgType><From><UserId>u</UserId></From><FromUserName>u</FromUserName><Content>no id</Content></xml>",
        (_, 2) => "not xml at all <",
        _ => $"<xml><MsgType></MsgType><MsgId>fuzz-{index}</MsgId><From><UserId>u</UserId></From><FromUserName>u</FromUserName></xml><xml/>",
    };

    private FuzzCase CrossChannel(int index, Random rng, ChannelKeys channel)
    {
        var other = Channels[(Array.IndexOf(Channels, channel) + 1 + rng.Next(2)) % Channels.Length];
        var encrypt = other.Crypto.Encrypt(ValidPayload(other, index));
        // Signed with the other channel's token and sent here: the token or the key is wrong for this endpoint.
        return Post(index, "cross-channel", channel, Query(other, encrypt, now, "7").Replace(other.Path, channel.Path, StringComparison.Ordinal),
            Envelope(channel, encrypt));
    }

    private static byte[] Content(Random rng, ChannelKeys channel, byte[] message, int? lengthField, string receiveId)
    {
        var rid = Encoding.UTF8.GetBytes(receiveId);
        var content = new byte[20 + message.Length + rid.Length];
        Encoding.ASCII.GetBytes(RandomAscii(rng, 16), content);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(16), lengthField ?? message.Length);
        message.CopyTo(content, 20);
        rid.CopyTo(content, 20 + message.Length);
        _ = channel;
        return content;
    }

    private static byte[] PadTo32(byte[] content)
    {
        var pad = 32 - content.Length % 32;
        return [.. content, .. Enumerable.Repeat((byte)pad, pad)];
    }

    private static byte[] PadWith(byte[] content, int block, byte value)
    {
        var pad = block - content.Length % block;
        return [.. content, .. Enumerable.Repeat(value, pad)];
    }

    private static string RawEncrypt(ChannelKeys channel, byte[] plain)
    {
        using var aes = Aes.Create();
        aes.Key = channel.Key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, channel.Key.AsSpan(0, 16), PaddingMode.None));
    }

    private static string RandomQuery(Random rng)
    {
        string[] names = ["msg_signature", "timestamp", "nonce", "echostr", "x", "msg_signature", "timestamp"];
        var parts = Enumerable.Range(0, rng.Next(0, 6)).Select(_ =>
            names[rng.Next(names.Length)] + "=" + Uri.EscapeDataString(RandomText(rng, rng.Next(0, 50))));
        return "?" + string.Join('&', parts);
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static string RandomHex(Random rng, int length) => Convert.ToHexStringLower(RandomBytes(rng, (length + 1) / 2))[..length];

    private static string RandomAlnum(Random rng, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[rng.Next(62)])]);

    private static string RandomAscii(Random rng, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)rng.Next(0x21, 0x7f))]);

    /// <summary>Any BMP character outside the surrogates, controls included (random byte bodies cover invalid UTF-8).</summary>
    private static string RandomText(Random rng, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => rng.Next(3) switch
        {
            0 => (char)rng.Next(0x20, 0x7f),
            1 => (char)rng.Next(0, 0x20),
            _ => (char)(rng.Next(2) == 0 ? rng.Next(0x80, 0xD800) : rng.Next(0xE000, 0x10000)),
        })]);
}
