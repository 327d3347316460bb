using System.Text.Json;

namespace Bot.Host.WeCom;

/// <summary>Reads the ciphertext out of a callback's POST body: <c>&lt;xml&gt;&lt;Encrypt/&gt;</c> or <c>{"encrypt": …}</c>.</summary>
public static class CallbackEnvelope
{
    public static string? ReadEncrypt(EnvelopeFormat format, string body, out string? error)
    {
        error = null;
        if (format == EnvelopeFormat.Xml)
        {
            var root = SafeXml.TryParse(body, out error);
            var encrypt = root?.Element("Encrypt")?.Value;
            if (root is not null && string.IsNullOrEmpty(encrypt)) error = "the body has no <Encrypt> element";
            return string.IsNullOrEmpty(encrypt) ? null : encrypt;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("encrypt", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } encrypt)
                return encrypt;
            error = "the body has no \"encrypt\" string";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"malformed JSON: {ex.Message}";
            return null;
        }
    }
}
