using System.Diagnostics.CodeAnalysis;

namespace Bot.Host.WeCom;

/// <summary>
/// A 智能机器人's <c>response_url</c> (doc 101138): <c>https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=…</c>,
/// usable once, within an hour. Accepted only as that path with its code on WeCom's hosts (see <see cref="WeComHosts"/>):
/// a payload naming another path of the same host (a webhook with another group's key, say) sends nothing there.
/// </summary>
public static class ResponseAddress
{
    public const string ResponsePath = "/cgi-bin/aibot/response";

    public static bool TryFromCallback(string? responseUrl, WeComHosts hosts, [NotNullWhen(true)] out Uri? address, [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return hosts.TryRebuild(responseUrl, ResponsePath, "response_code", IsCode, out address, out refusal);
    }

    // WeCom does not document the code's alphabet (base64 would bring '/', '+', '='); printable ASCII keeps it one opaque
    // parameter, escaped again when the address is rebuilt.
    private static bool IsCode(string code) =>
        code.Length is > 0 and <= 512 && code.All(c => c is > ' ' and < '\x7f');
}
