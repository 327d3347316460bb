using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Host.Inbound;
using Bot.Rules.Messages;

namespace Bot.Host.Spool;

/// <summary>
/// One spooled callback as it lies on disk: <c>[body length: uint32 LE][CRC-32 of the body: uint32 LE][body]</c>, the body
/// UTF-8 JSON of the parsed message and the decrypted payload. The length lets a reader step over a record whose body
/// is damaged; the checksum tells a whole record from one torn by a crash in the middle of its write.
/// </summary>
internal static class SpoolRecord
{
    public const int HeaderBytes = 8;

    /// <summary>Far above any callback (bodies are refused past <c>WeCom:MaxBodyBytes</c>): a longer length is damage.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    // Chinese text as UTF-8, not \u escapes: a third of the size on disk (nothing here is ever put into HTML).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    // The message as parsed when it arrived, so a replay judges exactly what would have been judged then (its arrival
    // time included) whichever channel or caller brought it; the payload is what the message table keeps.
    private sealed record Body(int Version, InboundMessage Message, string Payload);

    public static byte[] Encode(InboundItem item)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Body(1, item.Message, item.Payload), Json);
        var record = new byte[HeaderBytes + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(body));
        body.CopyTo(record, HeaderBytes);
        return record;
    }

    /// <summary>The body's length from a header; -1 when it cannot be a record's (zero, or absurdly long).</summary>
    public static int BodyLength(ReadOnlySpan<byte> header)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        return length is > 0 and <= MaxBodyBytes ? (int)length : -1;
    }

    public static bool IsIntact(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body) =>
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == Crc32.HashToUInt32(body);

    /// <summary>The callback in an intact body; null when the body is not one this version can read.</summary>
    public static InboundItem? Decode(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<Body>(body, Json) is { Version: 1, Message: { } message, Payload: { } payload }
                ? new InboundItem(message, payload)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
