using Bot.Rules.Pipeline;

namespace Bot.Host.Wording;

/// <summary>What the bot would do, as 「试一试」 tells it: 「在群里@吴老师 发言：……」, 「私信给赵组长：……」.</summary>
public static class EffectSentences
{
    public static string Of(Effect effect, Func<string, string> name, Today today)
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(today);
        string People(IEnumerable<string> ids) => string.Join("、", ids.Select(name));
        return effect switch
        {
            PostToGroup p => $"在群里发言{(p.Mentions.Count > 0 ? $"并@{People(p.Mentions)}" : "")}：{p.Text}",
            SendPrivate p => $"私信给{People(p.To)}：{p.Text}",
            OpenNotice n => $"开始跟踪通知：要求{n.Asked.Count}人回复「{n.Phrase}」，{today.At(n.ReplyDeadline)}截止",
            RecordReply r => $"记录{name(r.UserId)}对通知 #{r.NoticeId} 的回复{(r.Late ? "（逾期）" : "")}",
            RecordExplanation r => $"记录{name(r.UserId)}对通知 #{r.NoticeId} 的情况说明",
            MarkReminded r => $"通知 #{r.NoticeId} 已提醒，情况说明{today.At(r.ExplanationDeadline)}截止",
            MarkEscalated e => $"通知 #{e.NoticeId} 的未回复成员（{People(e.Members)}）上报负责人",
            CloseNotice c => $"通知 #{c.NoticeId} 完成",
            CancelNotice c => $"{name(c.ByUserId)}撤销通知 #{c.NoticeId}",
            OpenRectification r => $"开始跟踪{name(r.MemberId)}的整改，{today.At(r.ReplyDeadline)}前须回复",
            RecordRectificationReply r => $"记录整改 #{r.RectificationId} 的回复，{today.At(r.EvidenceDeadline)}前须提交整改情况",
            RecordRectificationEvidence r => $"记录整改 #{r.RectificationId} 的整改情况",
            MarkRectificationEscalated r => $"整改 #{r.RectificationId} 上报校长",
            RecordViolation v => $"记录违规：{Names.Rule(v.Rule)}（{Names.Category(v.Category)}）{(v.Strike ? "，计一次警告" : "")}",
            AddToRoster a => $"把{a.Name}（{a.UserId}）加入群名单",
            _ => $"执行{effect.GetType().Name}",
        };
    }
}
