using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Admin;

public sealed record RemindAnswer(long NoticeId, IReadOnlyList<NoticeMember> Mentioned, bool Urgent, DateTimeOffset NotBefore);

/// <summary><c>POST /api/notices/{id}/remind</c>: 「立即提醒」 (see <see cref="NoticeReminder"/>); <c>?urgent=true</c> ignores quiet hours.</summary>
internal static class NoticeRemindApi
{
    public static RouteGroupBuilder MapNoticeRemind(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/notices");
        group.MapPost("/{id:long}/remind", RemindAsync);
        return group;
    }

    private static async Task<Results<Ok<RemindAnswer>, NotFound, ProblemHttpResult>> RemindAsync(long id, bool? urgent, HttpContext http,
        NoticeReminder reminder, CancellationToken ct)
    {
        var result = await reminder.RemindAsync(id, urgent == true, AdminHttp.Actor(http), ct);
        return result.Status switch
        {
            RemindStatus.NotFound => TypedResults.NotFound(),
            RemindStatus.Finished => AdminHttp.Conflict($"notice {id} is {result.Stage.ToString()!.ToLowerInvariant()}: nobody is reminded of it"),
            RemindStatus.NobodyPending => AdminHttp.Conflict($"notice {id} has nobody pending"),
            _ => TypedResults.Ok(new RemindAnswer(id, result.Mentioned, result.Urgent, result.NotBefore)),
        };
    }
}
