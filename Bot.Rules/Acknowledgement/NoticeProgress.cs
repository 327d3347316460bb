using System.Globalization;
using System.Text;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>A notice's progress as the commands report it: who replied on time, late, explained, or not at all.</summary>
public sealed record NoticeProgress(
    IReadOnlyList<string> OnTime,
    IReadOnlyList<string> Late,
    IReadOnlyList<string> Explained,
    IReadOnlyList<string> Pending)
{
    public static NoticeProgress Of(NoticeState notice, GroupState state)
    {
        var byStatus = notice.Duties.ToLookup(d => d switch
        {
            { Replied: true, Late: false } => 0,
            { Replied: true } => 1,
            { ExplainedAt: not null } => 2,
            _ => 3,
        });
        List<string> Ids(int status) => Roster.InRosterOrder(byStatus[status].Select(d => d.UserId), state);
        return new(Ids(0), Ids(1), Ids(2), Ids(3));
    }

    /// <summary>「统计」: counts and the reply rate, and where the notice stands; no names, so nobody is singled out.</summary>
    public string CountsText(NoticeState notice, GroupState state)
    {
        var replied = OnTime.Count + Late.Count;
        var text = new StringBuilder(Header("回复统计", notice, state));
        text.Append(CultureInfo.InvariantCulture,
            $"应回复{notice.Duties.Count}人，已回复{replied}人（{Rate(replied, notice.Duties.Count)}）：按时{OnTime.Count}人，逾期{Late.Count}人");
        if (Explained.Count > 0) text.Append(CultureInfo.InvariantCulture, $"；已作情况说明{Explained.Count}人");
        text.Append(CultureInfo.InvariantCulture, $"；未回复{Pending.Count}人。\n{Stage(notice, state)}");
        if (Pending.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n发送「{At(state)}未回复」查看名单。");
        return text.ToString();
    }

    /// <summary>「未回复」: only the members who owe a reply, grouped under their 组长, who will hear of them.</summary>
    public string PendingText(NoticeState notice, GroupState state)
    {
        var text = new StringBuilder(Header("未回复名单", notice, state));
        if (Pending.Count == 0)
        {
            text.Append("应回复的人员都已回复或作了情况说明。");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"尚未回复{Pending.Count}人：");
        var escalated = notice.Duties.Where(d => d.Escalated).Select(d => d.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var group in Pending.GroupBy(member => Supervisors.Of(member, state)))
        {
            var head = group.Key is { } supervisor ? state.NameOf(supervisor) : "未设负责人";
            var names = group.Select(member => escalated.Contains(member) ? $"{state.NameOf(member)}（已报负责人）" : state.NameOf(member));
            text.Append(CultureInfo.InvariantCulture, $"\n{head}：{string.Join('、', names)}");
        }

        return text.ToString();
    }

    private static string Header(string title, NoticeState notice, GroupState state) => string.Create(CultureInfo.InvariantCulture,
        $"【{title}】#{notice.Id} {state.NameOf(notice.IssuerId)}于{Wording.When(notice.PostedAt, state.Policy.Zone)}发布的通知「{Wording.Short(notice.Text)}」\n");

    private static string Stage(NoticeState notice, GroupState state)
    {
        var zone = state.Policy.Zone;
        return notice.Stage switch
        {
            NoticeStage.Open => $"回复截止：{Wording.When(notice.ReplyDeadline, zone)}。",
            NoticeStage.Reminded => $"已于{Wording.When(notice.RemindedAt ?? notice.ReplyDeadline, zone)}提醒未回复的人员，情况说明截止：{Wording.When(notice.ExplanationDeadline ?? notice.ReplyDeadline, zone)}。",
            NoticeStage.Escalated => $"已于{Wording.When(notice.RemindedAt ?? notice.ReplyDeadline, zone)}提醒，经提醒仍未回复的人员已报负责人。",
            NoticeStage.Cancelled => "本通知已撤销。",
            _ => "本通知已结束统计。",
        };
    }

    private static string Rate(int part, int whole) =>
        whole == 0 ? "—" : (part / (double)whole).ToString("0%", CultureInfo.InvariantCulture);

    private static string At(GroupState state) => state.Group.MentionRequired ? $"@{state.Policy.BotName} " : "";
}
