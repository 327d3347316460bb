using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Routing;

/// <summary>
/// A notice or inspection posted in a group the bot cannot post to would be tracked with nobody ever reminded: its
/// issuer is told at once, through the channel that brought the message (the 智能机器人's response_url), or else
/// privately through the app. Runs after the notice and rectification rules and reads the post the way they do.
/// </summary>
public sealed class PostingRouteRule : IRule
{
    public const string RuleName = "posting-route";

    public const string NoRouteText =
        "机器人目前无法在本群发消息（本群尚未配置可用的群机器人），这条通知到期时不会有群内提醒。请联系管理员在后台为本群配置群机器人 webhook。";

    public string Name => RuleName;

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");

        var route = PostingRoute.Of(RoutingAfter(message, state.Group.Routing));
        if (route.CanPost) return RuleResult.Pass(Name, $"posts through {route.Reason}");

        var reading = PostReading.Of(message.Text, state.Policy);
        if (reading.Kind is not (PostKind.Notice or PostKind.Inspection))
            return RuleResult.Pass(Name, $"no posting route ({route.Reason}); the post asks nothing of anyone");
        if (!Roster.MayIssue(message.SenderId, state))
            return RuleResult.Pass(Name, $"no posting route; {state.NameOf(message.SenderId)} may not issue notices here");

        var reason = $"{Name}: {reading.Kind.ToString().ToLowerInvariant()} without a posting route";
        Effect tell = message.Channel == Channel.AiBot && message.ReplyUrl is not null
            ? new PostToGroup(message.ChatId, NoRouteText, [], reason, Urgent: true, AnswersMessage: true)
            : new SendPrivate([message.SenderId], NoRouteText, reason, Urgent: true);
        return RuleResult.Hit(Name, $"{reading.Kind.ToString().ToLowerInvariant()} 「{reading.Marker}」 in a group without a posting route ({route.Reason}): {state.NameOf(message.SenderId)} told", tell);
    }

    /// <summary>
    /// The group's routing once this message is recorded (the state was read before it): a callback from the group
    /// proves its chat id WeCom's, and a robot callback's WebhookUrl (checked as WeCom's on arrival) is a way to post.
    /// </summary>
    private static GroupRouting RoutingAfter(InboundMessage message, GroupRouting known) => known with
    {
        ChatIdKnown = true,
        HasCallbackWebhook = known.HasCallbackWebhook || message is { Channel: Channel.Robot, ReplyUrl: not null },
    };
}
