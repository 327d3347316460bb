using System.Globalization;
using Bot.Rules.Acknowledgement;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 早上6:30前，中午12:40——14:20，晚上23:00之后，任何部门和群员不允许在群里发布微信: a post inside quiet hours gets a
/// private reminder to its poster, never a group post that would wake everyone, and is recorded (without a strike).
/// The post is judged at the instant it was posted (<see cref="InboundMessage.ReceivedAt"/>) on the group's clock.
/// </summary>
public sealed class QuietHoursRule : IRule
{
    public string Name => "quiet-hours";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        var policy = state.Policy;
        var local = TimeZoneInfo.ConvertTime(message.ReceivedAt, policy.Zone);
        var clock = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        if (QuietHours.WindowAt(policy, message.ReceivedAt) is not { } window)
        {
            return RuleResult.Pass(Name, $"{clock} outside {QuietHours.Describe(policy.QuietHours)} {policy.TimeZone}");
        }

        if (policy.UrgencyMarkers.FirstOrDefault(m => m.Length > 0 && message.Text.Contains(m, StringComparison.Ordinal)) is { } urgent)
        {
            return RuleResult.Pass(Name, $"urgent: 「{urgent}」, {clock} in {window} {policy.TimeZone}");
        }

        if (policy.QuietHoursExempt.Contains(message.SenderId, StringComparer.Ordinal))
        {
            return RuleResult.Pass(Name, $"exempt: {state.Who(message.SenderId)}, {clock} in {window} {policy.TimeZone}");
        }

        // Replying to a notice, explaining, answering an inspection or asking the bot is doing what was asked, at
        // whatever hour the member saw it: never a post to hold against them.
        if (Answers.Of(message, state, now) is { } answer)
        {
            return RuleResult.Pass(Name, $"{answer}, {clock} in {window} {policy.TimeZone}: answering is not posting");
        }

        Explanation evidence = $"{clock} in {window} {policy.TimeZone}";
        var marker = policy.UrgencyMarkers.FirstOrDefault(m => m.Length > 0);
        var posted = ModerationText.Clock(TimeOnly.FromDateTime(local.DateTime));
        // A notice posted now is still tracked; its issuer should know its reply window waits for the quiet hours to end.
        var notice = PostReading.Of(message.Text, policy).Kind == PostKind.Notice
            ? $"您的通知仍会统计回复，回复时限从休息时间结束（{ModerationText.Clock(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(QuietHours.NextAllowed(policy, message.ReceivedAt), policy.Zone).DateTime))}）起算。"
            : "";
        var text = $"{state.NameOf(message.SenderId)}您好，本群规定{Cite(policy.QuietHours)}不在群里发布信息。"
            + $"您在{posted}发布了{(notice.Length > 0 ? "通知" : "消息")}，正值休息时间，请留意。{notice}"
            + (marker is null ? "" : $"如有紧急事务，请在消息中注明「{marker}」。");
        return RuleResult.Hit(
            Name,
            evidence,
            new SendPrivate([message.SenderId], text, $"{Name}: {evidence}"),
            new RecordViolation(Name, "quiet-hours", evidence, Strike: false));
    }

    /// <summary>The windows as the source words them: 早上6:30前，中午12:40——14:20，晚上23:00之后.</summary>
    public static string Cite(IEnumerable<QuietWindow> windows)
    {
        var phrases = new List<(TimeOnly At, string Text)>();
        foreach (var window in windows)
        {
            if (window.Start == window.End) continue;
            if (window.Start > window.End || window.Start == TimeOnly.MinValue)
            {
                // A window reaching into the morning reads as "before its end", on the mornings after its days;
                // one reaching past midnight reads as "after its start".
                if (window.End != TimeOnly.MinValue)
                {
                    var mornings = Days(window, window.Start > window.End ? 1 : 0);
                    phrases.Add((TimeOnly.MinValue, $"{Part(window.End)}{ModerationText.Clock(window.End)}前{mornings}"));
                }

                if (window.Start != TimeOnly.MinValue) phrases.Add((window.Start, $"{Part(window.Start)}{ModerationText.Clock(window.Start)}之后{Days(window, 0)}"));
            }
            else
            {
                phrases.Add((window.Start, $"{Part(window.Start)}{ModerationText.Clock(window.Start)}——{ModerationText.Clock(window.End)}{Days(window, 0)}"));
            }
        }

        return string.Join("，", phrases.OrderBy(p => p.At).Select(p => p.Text));
    }

    private static string Part(TimeOnly time) => time.Hour switch
    {
        < 5 => "凌晨",
        < 11 => "早上",
        < 14 => "中午",
        < 18 => "下午",
        _ => "晚上",
    };

    private static readonly string[] DayNames = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>A window's weekdays as a suffix, 「（周一、周五）」, shifted by a day for the morning of a window crossing midnight.</summary>
    private static string Days(QuietWindow window, int shift) =>
        window.Days is { Count: > 0 and < 7 } days
            ? "（" + string.Join("、", days.Select(d => (int)(d + shift) % 7).Distinct().OrderBy(d => (d + 6) % 7).Select(d => DayNames[d])) + "）"
            : "";
}
