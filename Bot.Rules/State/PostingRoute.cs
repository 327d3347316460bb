namespace Bot.Rules.State;

/// <summary>Through what the bot can post in a group.</summary>
public enum PostingRouteKind
{
    /// <summary>The WebhookUrl a robot callback from the group carried (its robot is in the group).</summary>
    CallbackWebhook,

    /// <summary>A 群机器人 webhook key an administrator set for the group.</summary>
    WebhookKey,

    /// <summary>No way to post: the group's posts are held and the group is flagged.</summary>
    None,
}

/// <summary>What is known of a group's ways to post; never the key or the URL themselves.</summary>
/// <param name="ChatIdKnown">A WeCom callback carried the chat id (so it is WeCom's own), or an administrator confirmed it.</param>
/// <param name="HasWebhookKey">An administrator set a 群机器人 webhook key.</param>
/// <param name="WebhookKeyExclusive">An administrator said that key's robot is in this group alone.</param>
/// <param name="HasCallbackWebhook">A robot callback from the group carried a WebhookUrl on one of WeCom's hosts.</param>
public sealed record GroupRouting(bool ChatIdKnown, bool HasWebhookKey, bool WebhookKeyExclusive, bool HasCallbackWebhook);

/// <summary>
/// How the bot posts in a group, decided in one place for the sender, the rules, the admin API, the dashboard and the
/// metrics. A robot's webhook key belongs to the robot, not to a group: a robot in several groups that is sent a post
/// without <c>chatid</c> delivers it to every one of them (WeCom's default <c>@all_group</c>). So every post names the
/// group's chat id, and a group whose chat id is not known is posted to only through a key that reaches it alone.
/// </summary>
/// <param name="NamesChat">Every webhook post carries the group's <c>chatid</c>; false only for an exclusive key of a group whose chat id is unknown.</param>
/// <param name="Reason">Why this route, or why none, for logs and the API.</param>
/// <param name="Explanation">The same for the dashboard, in Chinese.</param>
public sealed record PostingRoute(PostingRouteKind Kind, bool NamesChat, string Reason, string Explanation)
{
    public bool CanPost => Kind != PostingRouteKind.None;

    public static PostingRoute Of(GroupRouting routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        if (routing.HasWebhookKey && routing.ChatIdKnown)
            return new(PostingRouteKind.WebhookKey, true, "the administrator's webhook key, naming the group's chat id",
                "管理员配置的群机器人密钥（消息注明本群群 ID）");
        if (routing.HasWebhookKey && routing.WebhookKeyExclusive)
            return new(PostingRouteKind.WebhookKey, false, "the administrator's webhook key, which belongs to this group alone",
                "管理员配置的群机器人密钥（已标明只属于本群）");
        if (routing.HasCallbackWebhook && routing.ChatIdKnown)
            return new(PostingRouteKind.CallbackWebhook, true, "the WebhookUrl of the group's robot callback, naming the group's chat id",
                "群机器人回调中的推送地址（消息注明本群群 ID）");
        return routing.HasWebhookKey
            ? new(PostingRouteKind.None, false,
                "the chat id is not known from WeCom and the webhook key is not marked as this group's alone: a post could reach every group of its robot",
                "群 ID 尚未经企业微信回调确认，且群机器人密钥未标明只属于本群：消息可能发到该机器人所在的所有群，已暂停发送")
            : new(PostingRouteKind.None, false, "no webhook: set a 群机器人 webhook key for the group, or configure the robot callback",
                "本群没有可用的群机器人：请为本群配置群机器人密钥（Webhook 地址中 key= 之后的部分）");
    }
}
