using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bot.Host.Dashboard;

/// <summary>What a page may show of an outgoing message: its text, and WeCom's answer with any key or token cut out.</summary>
public static partial class OutboxText
{
    public static string Content(string payload)
    {
        try
        {
            var content = JsonNode.Parse(payload)?["content"]?.GetValue<string>() ?? "";
            return content.Length <= 80 ? content : content[..80] + "…";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>Error texts may quote a URL: its <c>key=</c> or <c>access_token=</c> is cut.</summary>
    public static string Scrub(string? text) => text is null ? "" : SecretParameter().Replace(text, "$1=***");

    [GeneratedRegex("(key|access_token|corpsecret|secret)=[^&\\s\"']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
