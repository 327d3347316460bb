using Bot.Host.Outbound;
using Bot.Host.Rules;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

public sealed record RemindAnswer(long NoticeId, IReadOnlyList<NoticeMember> Mentioned, bool Urgent, DateTimeOffset NotBefore);

/// <summary>
/// 「点名提醒」 on demand: one group post @-mentioning the members still pending, through the outbox like every post
/// of the bot. It waits for the end of quiet hours unless <c>?urgent=true</c>.
/// </summary>
internal static class NoticeRemindApi
{
    public static RouteGroupBuilder MapNoticeRemind(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/notices");
        group.MapPost("/{id:long}/remind", RemindAsync);
        return group;
    }

    private static async Task<Results<Ok<RemindAnswer>, NotFound, ProblemHttpResult>> RemindAsync(long id, bool? urgent, HttpContext http,
        NpgsqlDataSource db, PolicyDefaults defaults, OutboxWake outboxWake, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await NoticeStore.LoadAsync(connection, transaction, id, ct) is not { } notice) return TypedResults.NotFound();
        if (notice.Stage is NoticeStage.Closed or NoticeStage.Cancelled)
            return AdminHttp.Conflict($"notice {id} is {notice.Stage.ToString().ToLowerInvariant()}: nobody is reminded of it");
        var pending = notice.Duties.Where(NoticeView.IsPending).Select(d => d.UserId).ToList();
        if (pending.Count == 0) return AdminHttp.Conflict($"notice {id} has nobody pending");

        // The group's messages are judged one at a time; the reminder takes its turn like one of them.
        var state = await GroupStateStore.LoadAsync(connection, transaction, notice.ChatId, notice.IssuerId, defaults.Policy, now, ct, lockGroup: true);
        var text = $"【提醒】通知「{Short(notice.Text)}」尚未回复，请以下成员尽快回复「{notice.Phrase}」：";
        var post = new PostToGroup(notice.ChatId, text, pending, $"admin: remind notice {id}", urgent == true);
        await EffectWriter.ApplyAsync(connection, transaction,
            new EffectContext($"admin:remind:{id}:{now.UtcTicks}", null, notice.ChatId, null, state, now), [post], ct);
        var notBefore = post.Urgent ? now : QuietHours.NextAllowed(state.Policy, now);
        await AuditStore.WriteAsync(connection, transaction, now, AdminHttp.Actor(http), "notice.remind", $"notice:{id}",
            new { notice.ChatId, members = pending, urgent = post.Urgent, notBefore }, ct);
        await transaction.CommitAsync(ct);
        outboxWake.Wake();

        var local = TimeZoneInfo.ConvertTime(notBefore, state.Policy.Zone);
        return TypedResults.Ok(new RemindAnswer(id, pending.Select(u => new NoticeMember(u, state.NameOf(u))).ToList(), post.Urgent, local));
    }

    private static string Short(string text)
    {
        var line = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 30 ? line : string.Concat(line.AsSpan(0, 30), "…");
    }
}
