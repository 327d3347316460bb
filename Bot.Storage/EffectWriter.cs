using System.Text.Json;
using Bot.Rules.Messaging;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// Applies a decision's effects inside the caller's transaction: state rows, timers and outbox rows commit together
/// with the message (or timer) that caused them. Idempotency keys derive from the source, so a replayed source
/// cannot enqueue a second copy.
/// </summary>
/// <param name="Source">Names the cause: <c>inbound:{id}</c> or <c>timer:{id}</c>.</param>
/// <param name="InboundId">The inbound message that caused these effects, when there is one.</param>
/// <param name="ResponseUrl">The 智能机器人's response_url of the message being evaluated: one immediate answer can go there.</param>
public sealed record EffectContext(string Source, long? InboundId, string ChatId, string? ActorId, GroupState State, DateTimeOffset Now,
    string? ResponseUrl = null);

public static class EffectWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Applies the effects in one round trip.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EffectContext context,
        IReadOnlyList<Effect> effects, CancellationToken ct)
    {
        var batch = new SqlBatch();
        Add(batch, context, effects);
        await batch.ExecuteAsync(connection, transaction, ct);
    }

    /// <summary>Adds the statements that apply the effects to <paramref name="batch"/>, in the effects' order.</summary>
    public static void Add(SqlBatch batch, EffectContext context, IReadOnlyList<Effect> effects)
    {
        var policy = context.State.Policy;
        var now = context.Now;
        var answers = AnswersOf(context, effects);
        for (var index = 0; index < effects.Count; index++)
        {
            var key = $"{context.Source}:{index}";
            switch (effects[index])
            {
                case PostToGroup post when answers.Contains(post):
                    if (ReferenceEquals(post, answers[0])) EnqueueResponse(batch, context, answers, key);
                    break;
                case PostToGroup post:
                    EnqueueGroupPost(batch, context, post, key);
                    break;
                case SendPrivate message:
                    foreach (var to in message.To.Distinct())
                    {
                        var payload = JsonSerializer.Serialize(new { touser = new[] { to }, content = message.Text }, Json);
                        var notBefore = message.Urgent ? now : QuietHours.NextAllowed(policy, now);
                        OutboxStore.Enqueue(batch,
                            new OutboxMessage($"{key}:{to}", "private", $"user:{to}", to, context.ChatId, payload, message.Reason, notBefore), now);
                    }

                    break;
                case OpenNotice notice:
                    batch.Add(NoticeStore.OpenWithDeadlineSql, new
                    {
                        chatId = context.ChatId, notice.IssuerId, inboundId = context.InboundId, notice.Text, notice.Phrase, postedAt = now,
                        notice.ReplyDeadline, asked = notice.Asked, timerKind = TimerKinds.NoticeReply,
                        dueAt = QuietHours.NextAllowed(policy, notice.ReplyDeadline),
                        detail = AuditStore.Detail(new { context.ChatId, notice.IssuerId, notice.Phrase, asked = notice.Asked.Count, notice.ReplyDeadline }),
                    });
                    break;
                case RecordReply reply:
                    batch.Add(NoticeStore.RecordReplySql, new { reply.NoticeId, reply.UserId, reply.At, reply.Late });
                    break;
                case RecordExplanation explanation:
                    batch.Add(NoticeStore.RecordExplanationSql, new { explanation.NoticeId, explanation.UserId, explanation.At });
                    break;
                case RecordPhraseHint hint:
                    batch.Add(NoticeStore.RecordHintSql, new { hint.NoticeId, hint.UserId, hint.At });
                    break;
                case MarkReminded reminded:
                    batch.Add(NoticeStore.MarkRemindedSql, new { reminded.NoticeId, reminded.At, reminded.ExplanationDeadline });
                    TimerStore.Schedule(batch, TimerKinds.NoticeExplanation, reminded.NoticeId, QuietHours.NextAllowed(policy, reminded.ExplanationDeadline));
                    AuditStore.Write(batch, now, "bot", "notice.reminded", $"notice:{reminded.NoticeId}", new { reminded.ExplanationDeadline });
                    break;
                case MarkEscalated escalated:
                    batch.Add(NoticeStore.MarkDutiesEscalatedSql, new { escalated.NoticeId, escalated.Members, escalated.At });
                    batch.Add(NoticeStore.SetStageSql, new { escalated.NoticeId, stage = "Escalated", escalated.At });
                    AuditStore.Write(batch, now, "bot", "notice.escalated", $"notice:{escalated.NoticeId}", new { escalated.Members });
                    break;
                case CloseNotice close:
                    batch.Add(NoticeStore.SetStageSql, new { close.NoticeId, stage = "Closed", close.At });
                    break;
                case CancelNotice cancel:
                    batch.Add(NoticeStore.SetStageSql, new { cancel.NoticeId, stage = "Cancelled", cancel.At });
                    AuditStore.Write(batch, now, cancel.ByUserId, "notice.cancelled", $"notice:{cancel.NoticeId}", new { });
                    break;
                case OpenRectification rectification:
                    batch.Add(RectificationStore.OpenWithDeadlineSql, new
                    {
                        chatId = context.ChatId, rectification.InspectorId, rectification.MemberId, inboundId = context.InboundId,
                        rectification.Text, postedAt = now, rectification.ReplyDeadline, timerKind = TimerKinds.RectificationReply,
                        dueAt = QuietHours.NextAllowed(policy, rectification.ReplyDeadline),
                    });
                    break;
                case RecordRectificationReply replied:
                    batch.Add(RectificationStore.RecordReplySql, new { id = replied.RectificationId, replied.At, replied.EvidenceDeadline });
                    TimerStore.Schedule(batch, TimerKinds.RectificationEvidence, replied.RectificationId, QuietHours.NextAllowed(policy, replied.EvidenceDeadline));
                    break;
                case RecordRectificationEvidence evidence:
                    batch.Add(RectificationStore.RecordEvidenceSql, new { id = evidence.RectificationId, evidence.At });
                    break;
                case MarkRectificationEscalated escalatedRectification:
                    batch.Add(RectificationStore.MarkEscalatedSql, new { id = escalatedRectification.RectificationId, escalatedRectification.Missed });
                    AuditStore.Write(batch, now, "bot", "rectification.escalated",
                        $"rectification:{escalatedRectification.RectificationId}", new { escalatedRectification.Missed });
                    break;
                case RecordViolation violation:
                    batch.Add("""
                        INSERT INTO violations (chat_id, user_id, inbound_id, rule, category, evidence, why, strike, at)
                        VALUES (@ChatId, @userId, @InboundId, @Rule, @Category, @Evidence, @why::jsonb, @Strike, @now)
                        """, new
                    {
                        context.ChatId, userId = context.ActorId ?? "", context.InboundId, violation.Rule, violation.Category, violation.Evidence,
                        why = JsonSerializer.Serialize(violation.Why, Json), violation.Strike, now,
                    });
                    break;
                case AddToRoster member:
                    RosterStore.AddSeen(batch, context.ChatId, member.UserId, member.Name, now);
                    break;
                default:
                    throw new InvalidOperationException($"no writer for effect {effects[index].GetType().Name}");
            }
        }
    }

    /// <summary>
    /// The direct answers to the message being evaluated that its channel lets go through its reply URL (the 智能机器人's
    /// response_url): they all go there, as one message, since the URL can be used only once.
    /// </summary>
    private static List<PostToGroup> AnswersOf(EffectContext context, IReadOnlyList<Effect> effects) =>
        context.ResponseUrl is null ? [] : effects.OfType<PostToGroup>().Where(p => p.AnswersMessage && p.Mentions.Count == 0).ToList();

    /// <summary>
    /// The answers the member asked for, in the conversation they asked in, right away (the URL is usable once, for an
    /// hour): quiet hours do not hold them, since the member is awake and waiting.
    /// </summary>
    private static void EnqueueResponse(SqlBatch batch, EffectContext context, List<PostToGroup> answers, string key)
    {
        var first = answers[0];
        var markdown = JsonSerializer.Serialize(new { content = string.Join("\n\n", answers.Select(a => a.Text)) }, Json);
        var reason = string.Join("; ", answers.Select(a => a.Reason).Distinct());
        OutboxStore.Enqueue(batch,
            new OutboxMessage($"{key}:response", "response", $"group:{first.ChatId}", context.ResponseUrl!, first.ChatId, markdown, reason, context.Now), context.Now);
    }

    /// <summary>One group post, split into WeCom-sized messages that each mention a share of the members once.</summary>
    private static void EnqueueGroupPost(SqlBatch batch, EffectContext context, PostToGroup post, string key)
    {
        var mentions = post.Mentions.Select(id => new Mention(id, context.State.NameOf(id))).ToList();
        var chunks = mentions.Count == 0 ? [new MentionChunk(post.Text, [])] : MentionSplitter.Split(post.Text, mentions);
        var notBefore = post.Urgent ? context.Now : QuietHours.NextAllowed(context.State.Policy, context.Now);
        for (var i = 0; i < chunks.Count; i++)
        {
            var payload = JsonSerializer.Serialize(new { content = chunks[i].Content, mentioned_list = chunks[i].MentionedUserIds }, Json);
            OutboxStore.Enqueue(batch,
                new OutboxMessage($"{key}:{i}", "webhook", $"group:{post.ChatId}", post.ChatId, post.ChatId, payload, post.Reason, notBefore), context.Now);
        }
    }
}
