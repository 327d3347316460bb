using System.Globalization;
using System.Text;
using Bot.Host.Rules;
using Bot.Rules.State;
using Bot.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Bot.Host.Admin;

/// <summary>Notices of a group with who has and has not acknowledged, one notice, and the CSV export of reply times.</summary>
internal static class NoticesApi
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static RouteGroupBuilder MapNotices(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/");
        group.MapGet("/groups/{chatId}/notices", ListAsync);
        group.MapGet("/groups/{chatId}/notices.csv", ExportAsync);
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

    /// <summary>One row per asked member, times on the group's clock in ISO 8601, UTF-8 with a BOM so spreadsheets read the names.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportAsync(string chatId, int? limit,
        NpgsqlDataSource db, PolicyDefaults defaults, CancellationToken ct)
    {
        if (!AdminHttp.TryLimit(limit, 500, 5000, out var take)) return AdminHttp.Invalid("limit", "must be between 1 and 5000");
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await GroupConfigStore.GetAsync(connection, null, chatId, ct) is null) return TypedResults.NotFound();
        var zone = (await NoticeView.PolicyOfAsync(connection, null, chatId, defaults, ct)).Zone;
        var notices = await NoticeStore.LoadRecentAsync(connection, chatId, take, ct);
        var names = await PeopleStore.NamesAsync(connection, notices.SelectMany(n => n.Duties.Select(d => d.UserId)), ct);

        var csv = new StringBuilder("notice_id,posted_at,member,name,status,replied_at,late\r\n");
        foreach (var notice in notices)
        {
            foreach (var duty in notice.Duties)
            {
                string[] fields =
                [
                    notice.Id.ToString(CultureInfo.InvariantCulture), Iso(notice.PostedAt, zone), duty.UserId,
                    names.TryGetValue(duty.UserId, out var name) ? name : "", Status(duty),
                    duty.RepliedAt is { } at ? Iso(at, zone) : "", duty.Late ? "true" : "false",
                ];
                csv.Append(string.Join(',', fields.Select(Csv.Field))).Append("\r\n");
            }
        }

        return TypedResults.File([.. Bom, .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", $"notices-{chatId}.csv");
    }

    private static string Status(Duty duty) =>
        duty.RepliedAt is not null ? "replied" : duty.ExplainedAt is not null ? "explained" : duty.Escalated ? "escalated" : "pending";

    private static string Iso(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
