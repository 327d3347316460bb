using System.Text.RegularExpressions;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 内容请在200字内，超过则使用链接分享: a text post over <see cref="GroupPolicy.MaxLength"/> characters that carries no
/// link gets a private nudge toward a link or a document, and is recorded without a strike. A post with a link is
/// taken to be sharing one already.
/// </summary>
public sealed partial class LengthRule : IRule
{
    public string Name => "length";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        var limit = state.Policy.MaxLength;
        var length = ModerationText.Characters(message.Text);
        if (length <= limit) return RuleResult.Pass(Name, $"{length}/{limit} chars");
        if (Link().IsMatch(message.Text)) return RuleResult.Pass(Name, $"{length}/{limit} chars, shared with a link");

        Explanation evidence = $"{length}/{limit} chars, no link";
        var text = $"{state.NameOf(message.SenderId)}您好，本群规定：内容请在{limit}字内，超过则使用链接分享。"
            + $"您刚才的消息有{length}字，建议改为链接或文档分享，方便大家阅读。";
        return RuleResult.Hit(
            Name,
            evidence,
            new SendPrivate([message.SenderId], text, $"{Name}: {evidence}"),
            new RecordViolation(Name, "length", evidence, Strike: false));
    }

    [GeneratedRegex(@"https?://\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
