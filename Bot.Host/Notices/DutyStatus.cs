using Bot.Storage;

namespace Bot.Host.Notices;

/// <summary>Where one asked member stands with a notice: each member is in exactly one of these.</summary>
public enum DutyStatus { OnTime, Late, Explained, Escalated, Pending }

public static class DutyStatuses
{
    public static DutyStatus Of(DutyRecord duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.RepliedAt is not null ? (duty.Late ? DutyStatus.Late : DutyStatus.OnTime)
            : duty.ExplainedAt is not null ? DutyStatus.Explained
            : duty.EscalatedAt is not null ? DutyStatus.Escalated
            : DutyStatus.Pending;
    }

    public static string Chinese(DutyStatus status) => status switch
    {
        DutyStatus.OnTime => "按时回复",
        DutyStatus.Late => "逾期回复",
        DutyStatus.Explained => "已作情况说明",
        DutyStatus.Escalated => "未回复，已上报负责人",
        _ => "未回复",
    };

    /// <summary>When the member's duty ended: their reply or explanation; null while they still owe one.</summary>
    public static DateTimeOffset? AnsweredAt(DutyRecord duty) => duty.RepliedAt ?? duty.ExplainedAt;
}
