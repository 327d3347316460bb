using System.Globalization;
using System.Text;
using Bot.Host.Notices;
using Bot.Host.Rules;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>Notices: a group's with who has and has not acknowledged, one notice, the history searched, and their spreadsheets.</summary>
internal static class NoticesApi
{
    public static RouteGroupBuilder MapNotices(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/");
        group.MapGet("/groups/{chatId}/notices", ListAsync);
        group.MapGet("/groups/{chatId}/notices.csv", ExportAsync);
        group.MapGet("/notices", SearchAsync);
        group.MapGet("/notices.csv", ExportHistoryAsync);
        group.MapGet("/notices/{id:long}.csv", async (long id, NoticeHistory history, CancellationToken ct) =>
            await history.ExportOneAsync(id, ct) ?? TypedResults.NotFound());
        group.MapGet("/notices/{id:long}", async Task<Results<Ok<NoticeView>, NotFound>> (long id, NpgsqlDataSource db, PolicyDefaults defaults, CancellationToken ct) =>
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            if (await NoticeStore.LoadAsync(connection, null, id, ct) is not { } notice) return TypedResults.NotFound();
            var policy = await NoticeView.PolicyOfAsync(connection, null, notice.ChatId, defaults, ct);
            return TypedResults.Ok((await NoticeView.BuildAsync(connection, [notice], policy.Zone, ct))[0]);
        });
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<NoticeView>>, NotFound, ValidationProblem>> ListAsync(string chatId, int? limit,
        NpgsqlDataSource db, PolicyDefaults defaults, CancellationToken ct)
    {
        if (!AdminHttp.TryLimit(limit, 50, 500, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 500");
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await GroupConfigStore.GetAsync(connection, null, chatId, ct) is null) return TypedResults.NotFound();
        var policy = await NoticeView.PolicyOfAsync(connection, null, chatId, defaults, ct);
        var notices = await NoticeStore.LoadRecentAsync(connection, chatId, take, ct);
        return TypedResults.Ok(await NoticeView.BuildAsync(connection, notices, policy.Zone, ct));
    }

    /// <summary>The group's notices, a line per asked member: the same spreadsheet as the dashboard's 导出 Excel.</summary>
    private static async Task<IResult> ExportAsync(string chatId, NpgsqlDataSource db, NoticeHistory history, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await GroupConfigStore.GetAsync(connection, null, chatId, ct) is null) return TypedResults.NotFound();
        return await history.ExportAsync(new NoticeFilter(ChatId: chatId), perMember: true, $"notices-{chatId}.csv", ct);
    }

    /// <summary>The history, searched as on the dashboard (<c>from</c>, <c>to</c>, <c>chat</c>, <c>issuer</c>, <c>stage</c>, <c>q</c>, <c>page</c>).</summary>
    private static async Task<Results<Ok<NoticePage>, ValidationProblem>> SearchAsync(HttpRequest request, int? page, NoticeHistory history, PolicyDefaults defaults,
        CancellationToken ct)
    {
        var (filter, problems) = NoticeSearch.Of(request.Query).Filter(defaults.Policy.Zone);
        if (filter is null) return AdminHttp.Invalid(problems);
        var (notices, total) = await history.SearchAsync(filter, page ?? 1, ct);
        return TypedResults.Ok(new NoticePage(total, page ?? 1, NoticeHistory.PageSize, notices));
    }

    /// <summary>The history's spreadsheet: a line per notice, or with <c>per=member</c> a line per asked member.</summary>
    private static async Task<IResult> ExportHistoryAsync(HttpRequest request, string? per, NoticeHistory history, PolicyDefaults defaults, CancellationToken ct)
    {
        var (filter, problems) = NoticeSearch.Of(request.Query).Filter(defaults.Policy.Zone);
        return filter is null ? AdminHttp.Invalid(problems) : await history.ExportAsync(filter, per == "member", "notices.csv", ct);
    }
}

/// <summary>One page of the history: how many notices the search found in all, and this page's.</summary>
public sealed record NoticePage(int Total, int Page, int PageSize, IReadOnlyList<NoticeRecord> Notices);
