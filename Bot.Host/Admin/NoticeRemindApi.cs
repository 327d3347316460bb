using Bot.Host.Notices;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Admin;

public sealed record RemindAnswer(long NoticeId, IReadOnlyList<NoticeMember> Mentioned, bool Urgent, DateTimeOffset NotBefore);

/// <summary><c>POST /api/notices/{id}/remind</c>: 「立即提醒」 through <see cref="NoticeReminders"/>; <c>?urgent=true</c> ignores quiet hours.</summary>
internal static class NoticeRemindApi
{
    public static RouteGroupBuilder MapNoticeRemind(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/notices");
        group.MapPost("/{id:long}/remind", RemindAsync);
        return group;
    }

    private static async Task<Results<Ok<RemindAnswer>, NotFound, ProblemHttpResult>> RemindAsync(long id, bool? urgent, HttpContext http,
        NoticeReminders reminders, CancellationToken ct) =>
        await reminders.RemindAsync(id, urgent == true, AdminHttp.Actor(http), ct) switch
        {
            Reminder.Queued q => TypedResults.Ok(new RemindAnswer(id, q.Mentioned, q.Urgent, TimeZoneInfo.ConvertTime(q.NotBefore, q.Zone))),
            Reminder.Finished f => AdminHttp.Conflict($"notice {id} is {f.Stage.ToString().ToLowerInvariant()}: nobody is reminded of it"),
            Reminder.NobodyOwing => AdminHttp.Conflict($"notice {id} has nobody pending"),
            _ => TypedResults.NotFound(),
        };
}
