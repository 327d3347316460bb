using System.Text.Json;
using Bot.Rules.Messaging;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Dapper;
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

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EffectContext context,
        IReadOnlyList<Effect> effects, CancellationToken ct)
    {
        var policy = context.State.Policy;
        var now = context.Now;
        for (var index = 0; index < effects.Count; index++)
        {
            var key = $"{context.Source}:{index}";
            switch (effects[index])
            {
                case PostToGroup post:
                    await EnqueueGroupPostAsync(connection, transaction, context, post, key, ct);
                    break;
                case SendPrivate message:
                    foreach (var to in message.To.Distinct())
                    {
                        var payload = JsonSerializer.Serialize(new { touser = new[] { to }, content = message.Text }, Json);
                        var notBefore = message.Urgent ? now : QuietHours.NextAllowed(policy, now);
                        await OutboxStore.EnqueueAsync(connection, transaction,
                            new OutboxMessage($"{key}:{to}", "private", $"user:{to}", to, context.ChatId, payload, message.Reason, notBefore), now, ct);
                    }

                    break;
                case OpenNotice notice:
                    var noticeId = await NoticeStore.InsertAsync(connection, transaction, context.ChatId, context.InboundId, notice.IssuerId,
                        notice.Text, notice.Phrase, now, notice.ReplyDeadline, notice.Asked, ct);
                    await TimerStore.ScheduleAsync(connection, transaction, TimerKinds.NoticeReply, noticeId, QuietHours.NextAllowed(policy, notice.ReplyDeadline), ct);
                    await AuditStore.WriteAsync(connection, transaction, now, "bot", "notice.opened", $"notice:{noticeId}",
                        new { context.ChatId, notice.IssuerId, notice.Phrase, asked = notice.Asked.Count, notice.ReplyDeadline }, ct);
                    break;
                case RecordReply reply:
                    await NoticeStore.RecordReplyAsync(connection, transaction, reply.NoticeId, reply.UserId, reply.At, reply.Late, ct);
                    break;
                case RecordExplanation explanation:
                    await NoticeStore.RecordExplanationAsync(connection, transaction, explanation.NoticeId, explanation.UserId, explanation.At, ct);
                    break;
                case MarkReminded reminded:
                    await NoticeStore.MarkRemindedAsync(connection, transaction, reminded.NoticeId, reminded.At, reminded.ExplanationDeadline, ct);
                    await TimerStore.ScheduleAsync(connection, transaction, TimerKinds.NoticeExplanation, reminded.NoticeId,
                        QuietHours.NextAllowed(policy, reminded.ExplanationDeadline), ct);
                    await AuditStore.WriteAsync(connection, transaction, now, "bot", "notice.reminded", $"notice:{reminded.NoticeId}",
                        new { reminded.ExplanationDeadline }, ct);
                    break;
                case MarkEscalated escalated:
                    await NoticeStore.MarkEscalatedAsync(connection, transaction, escalated.NoticeId, escalated.Members, escalated.At, ct);
                    await AuditStore.WriteAsync(connection, transaction, now, "bot", "notice.escalated", $"notice:{escalated.NoticeId}",
                        new { escalated.Members }, ct);
                    break;
                case CloseNotice close:
                    await NoticeStore.SetStageAsync(connection, transaction, close.NoticeId, "Closed", close.At, ct);
                    break;
                case CancelNotice cancel:
                    await NoticeStore.SetStageAsync(connection, transaction, cancel.NoticeId, "Cancelled", cancel.At, ct);
                    await AuditStore.WriteAsync(connection, transaction, now, cancel.ByUserId, "notice.cancelled", $"notice:{cancel.NoticeId}", new { }, ct);
                    break;
                case OpenRectification rectification:
                    var rectificationId = await RectificationStore.InsertAsync(connection, transaction, context.ChatId, context.InboundId,
                        rectification.InspectorId, rectification.MemberId, rectification.Text, now, rectification.ReplyDeadline, ct);
                    await TimerStore.ScheduleAsync(connection, transaction, TimerKinds.RectificationReply, rectificationId,
                        QuietHours.NextAllowed(policy, rectification.ReplyDeadline), ct);
                    break;
                case RecordRectificationReply replied:
                    await RectificationStore.RecordReplyAsync(connection, transaction, replied.RectificationId, replied.At, replied.EvidenceDeadline, ct);
                    await TimerStore.ScheduleAsync(connection, transaction, TimerKinds.RectificationEvidence, replied.RectificationId,
                        QuietHours.NextAllowed(policy, replied.EvidenceDeadline), ct);
                    break;
                case RecordRectificationEvidence evidence:
                    await RectificationStore.RecordEvidenceAsync(connection, transaction, evidence.RectificationId, evidence.At, ct);
                    break;
                case MarkRectificationEscalated escalatedRectification:
                    await RectificationStore.MarkEscalatedAsync(connection, transaction, escalatedRectification.RectificationId, escalatedRectification.Missed, ct);
                    await AuditStore.WriteAsync(connection, transaction, now, "bot", "rectification.escalated",
                        $"rectification:{escalatedRectification.RectificationId}", new { escalatedRectification.Missed }, ct);
                    break;
                case RecordViolation violation:
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO violations (chat_id, user_id, inbound_id, rule, category, evidence, strike, at)
                        VALUES (@ChatId, @userId, @InboundId, @Rule, @Category, @Evidence, @Strike, @now)
                        """, new { context.ChatId, userId = context.ActorId ?? "", context.InboundId, violation.Rule, violation.Category, violation.Evidence, violation.Strike, now },
                        transaction, cancellationToken: ct));
                    break;
                case AddToRoster member:
                    await RosterStore.AddSeenAsync(connection, transaction, context.ChatId, member.UserId, member.Name, now, ct);
                    break;
                default:
                    throw new InvalidOperationException($"no writer for effect {effects[index].GetType().Name}");
            }
        }
    }

    /// <summary>One group post, split into WeCom-sized messages that each mention a share of the members once.</summary>
    private static async Task EnqueueGroupPostAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EffectContext context,
        PostToGroup post, string key, CancellationToken ct)
    {
        if (post.AnswersMessage && post.Mentions.Count == 0 && context.ResponseUrl is { } responseUrl)
        {
            // An answer the member asked for, in the conversation they asked in, right away (the URL is usable once, for
            // an hour): quiet hours do not hold it, since the member is awake and waiting.
            var markdown = JsonSerializer.Serialize(new { content = post.Text }, Json);
            await OutboxStore.EnqueueAsync(connection, transaction,
                new OutboxMessage($"{key}:response", "response", $"group:{post.ChatId}", responseUrl, post.ChatId, markdown, post.Reason, context.Now), context.Now, ct);
            return;
        }

        var mentions = post.Mentions.Select(id => new Mention(id, context.State.NameOf(id))).ToList();
        var chunks = mentions.Count == 0 ? [new MentionChunk(post.Text, [])] : MentionSplitter.Split(post.Text, mentions);
        var notBefore = post.Urgent ? context.Now : QuietHours.NextAllowed(context.State.Policy, context.Now);
        for (var i = 0; i < chunks.Count; i++)
        {
            var payload = JsonSerializer.Serialize(new { content = chunks[i].Content, mentioned_list = chunks[i].MentionedUserIds }, Json);
            await OutboxStore.EnqueueAsync(connection, transaction,
                new OutboxMessage($"{key}:{i}", "webhook", $"group:{post.ChatId}", post.ChatId, post.ChatId, payload, post.Reason, notBefore), context.Now, ct);
        }
    }
}
