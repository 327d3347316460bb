namespace Bot.Host.WeCom;

/// <summary>The <c>WeCom</c> section: where WeCom's API lives and the credentials of each callback channel.</summary>
public sealed class WeComOptions
{
    public const string Section = "WeCom";

    /// <summary>WeCom's API root; tests and the sandbox point it at a fake on 127.0.0.1.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");

    public string CorpId { get; set; } = "";

    /// <summary>How far a callback's timestamp may stray from now before it is refused as a replay; <c>null</c> turns the check off.</summary>
    public TimeSpan? TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Callback bodies above this size are refused with 413 before they are read.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Hosts whose <c>http(s)://HOST/cgi-bin/webhook/send?key=…</c> (a robot callback's WebhookUrl) and
    /// <c>/cgi-bin/aibot/response?response_code=…</c> (a 智能机器人's response_url) the bot posts to as given; null means
    /// <see cref="DefaultWebhookHosts"/>. <see cref="ApiBaseUrl"/>'s own origin is always allowed besides.
    /// </summary>
    public string[]? WebhookHosts { get; set; }

    /// <summary>WeCom's hosts as real callbacks name them: the public API, and the host of captured WebhookUrls (plain http).</summary>
    public static readonly IReadOnlyList<string> DefaultWebhookHosts = ["qyapi.weixin.qq.com", "in.qyapi.weixin.qq.com"];

    public IReadOnlyList<string> EffectiveWebhookHosts => WebhookHosts ?? DefaultWebhookHosts;

    /// <summary>
    /// The bot's display names in groups (the robot's and the 智能机器人's): an @-mention of any of them is removed from a
    /// message wherever it stands and never taken for a member. Null means <see cref="DefaultBotNames"/>.
    /// </summary>
    public string[]? BotNames { get; set; }

    public static readonly IReadOnlyList<string> DefaultBotNames = ["规则助手"];

    public IReadOnlyList<string> EffectiveBotNames => BotNames ?? DefaultBotNames;

    public BotChannelOptions Robot { get; set; } = new();
    public BotChannelOptions AiBot { get; set; } = new();
    public AppOptions App { get; set; } = new();
}

/// <summary>Token and key of one encrypted callback channel (WeCom's WXBizMsgCrypt).</summary>
public class CallbackChannelOptions
{
    public string Token { get; set; } = "";

    /// <summary>43 characters of base64 without its trailing '='; WeCom rejects any other length (-40004).</summary>
    public string EncodingAesKey { get; set; } = "";

    /// <summary>A channel with a token is on; one without answers 404, as if it did not exist.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(Token);
}

/// <summary>A bot channel (group robot, 智能机器人): its ciphertext carries a receive id that is empty in WeCom's practice.</summary>
public sealed class BotChannelOptions : CallbackChannelOptions
{
    /// <summary>The receive id inside the ciphertext: "" for bots (docs 101033); configurable because the group robot's is undocumented.</summary>
    public string ReceiveId { get; set; } = "";
}

public sealed class AppOptions : CallbackChannelOptions
{
    public long AgentId { get; set; }
    public string Secret { get; set; } = "";
}
