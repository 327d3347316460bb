namespace Bot.Host.WeCom;

/// <summary>The signature parameters every WeCom callback carries in its query string.</summary>
public sealed record CallbackQuery(string Signature, string Timestamp, string Nonce, string? Error)
{
    public static CallbackQuery From(HttpRequest request)
    {
        var signature = (string?)request.Query["msg_signature"] ?? "";
        var timestamp = (string?)request.Query["timestamp"] ?? "";
        var nonce = (string?)request.Query["nonce"] ?? "";
        var missing = new[] { ("msg_signature", signature), ("timestamp", timestamp), ("nonce", nonce) }
            .Where(p => p.Item2.Length == 0).Select(p => p.Item1).ToList();
        return new(signature, timestamp, nonce, missing.Count == 0 ? null : $"missing query parameter(s): {string.Join(", ", missing)}");
    }
}
