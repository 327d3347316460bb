using System.Globalization;
using System.Text;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>A notice's progress as the 「统计」 command posts it: who replied, who was late, who has not.</summary>
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

    /// <summary>The group post, with names and no @-mentions: a status report should not ring anyone's phone.</summary>
    public string Text(NoticeState notice, GroupState state)
    {
        var zone = state.Policy.Zone;
        var replied = OnTime.Count + Late.Count;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"【回复统计】{state.NameOf(notice.IssuerId)}于{Wording.When(notice.PostedAt, zone)}发布的通知「{Wording.Short(notice.Text)}」\n");
        text.Append(CultureInfo.InvariantCulture, $"应回复{notice.Duties.Count}人，已回复{replied}人");
        if (Late.Count > 0) text.Append(CultureInfo.InvariantCulture, $"（其中逾期{Late.Count}人）");
        if (Explained.Count > 0) text.Append(CultureInfo.InvariantCulture, $"，已作情况说明{Explained.Count}人");
        text.Append(CultureInfo.InvariantCulture, $"，未回复{Pending.Count}人。回复截止：{Wording.When(notice.ReplyDeadline, zone)}。");
        if (OnTime.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n按时回复：{Wording.Names(OnTime, state)}");
        if (Late.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n逾期回复：{Wording.Names(Late, state)}");
        if (Explained.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n已作情况说明：{Wording.Names(Explained, state)}");
        if (Pending.Count > 0) text.Append(CultureInfo.InvariantCulture, $"\n尚未回复：{Wording.Names(Pending, state)}");
        return text.ToString();
    }
}
