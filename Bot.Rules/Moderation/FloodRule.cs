using System.Text;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 不可恶意刷屏: one member posting the same text <see cref="GroupPolicy.FloodRepeats"/> times, or more than
/// <see cref="GroupPolicy.FloodPosts"/> posts, within <see cref="GroupPolicy.FloodWindow"/> (this post counted) gets an
/// @-warning in the group, recorded without a strike. Only the same member's posts count: a whole group answering
/// 「收到」 is not a flood. The state does not say whether a warning was already given, so the rule warns only when a
/// count reaches its threshold exactly: once per burst, not on every post after it.
/// </summary>
public sealed class FloodRule : IRule
{
    public string Name => "flood";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        // A member answering several notices in a row (「我已知晓，马上照办」 three times) does what was asked.
        if (Acknowledgement.Answers.Of(message, state, now) is { } answer) return RuleResult.Pass(Name, $"{answer}: not counted as flooding");

        var policy = state.Policy;
        var window = policy.FloodWindow;
        var mine = MemberPosts.Within(state, message.ReceivedAt, policy.FloodWindow)
            .Where(post => string.Equals(post.SenderId, message.SenderId, StringComparison.Ordinal))
            .ToList();
        var posts = mine.Count + 1;
        var normalised = Normalise(message.Text);
        var repeats = normalised.Length == 0 ? 0 : 1 + mine.Count(post => string.Equals(Normalise(post.Text), normalised, StringComparison.Ordinal));

        var reasons = new List<Explanation>(2);
        if (repeats == policy.FloodRepeats) reasons.Add($"same text {repeats}× within {window}");
        if (posts == policy.FloodPosts + 1) reasons.Add($"{posts} posts within {window}, over {policy.FloodPosts}");
        if (reasons.Count == 0)
        {
            return RuleResult.Pass(Name, $"{posts} post{(posts == 1 ? "" : "s")}, same text {repeats}× within {window} (limits {policy.FloodPosts} posts, {policy.FloodRepeats}×)");
        }

        var evidence = Explanation.Join("; ", reasons);
        var text = $"{state.NameOf(message.SenderId)}，本群规定不可恶意刷屏，请勿重复或连续发送消息，谢谢配合。";
        return RuleResult.Hit(
            Name,
            evidence,
            new PostToGroup(message.ChatId, text, [message.SenderId], $"{Name}: {evidence}"),
            new RecordViolation(Name, "flood", evidence, Strike: false));
    }

    /// <summary>The same text as people retype it: trimmed, full-width folded to half-width (NFKC), case ignored.</summary>
    private static string Normalise(string text) =>
        text.Trim().Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();
}
