using System.Text.Json.Nodes;
using Bot.Host.Admin;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/audit</c> (who changed what, when) and <c>/admin/outbox</c> (messages WeCom refused for good, with 「重新发送」).</summary>
public static class RecordsPages
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", AuditAsync);
        admin.MapGet("/outbox", OutboxAsync);
        admin.MapPost("/outbox/{id:long}/resend", ResendAsync);
    }

    private static async Task<IResult> AuditAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var entries = await AuditStore.ListAsync(dataSource, 200, ct);
        var names = await NameBook.LoadAsync(dataSource, entries.SelectMany(PeopleOf), entries.Select(e => e.Subject).Where(s => s.StartsWith("group:", StringComparison.Ordinal)).Select(s => s[6..]), ct);
        return View.Page<AuditPage>(new { Entries = entries, Names = names, Today = Today.Of(http) });
    }

    private static async Task<IResult> OutboxAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var dead = await OutboxStore.ListAsync(dataSource, "dead", 100, ct);
        var names = await NameBook.LoadAsync(dataSource, dead.Where(o => o.Kind == "private").Select(o => o.Target),
            dead.Select(o => o.Kind == "webhook" ? o.Target : o.ChatId ?? ""), ct);
        return View.Page<OutboxPage>(new { Rows = dead, Names = names, Today = Today.Of(http) });
    }

    private static async Task<IResult> ResendAsync(long id, HttpContext http, IFormCollection form, OutboxResend outbox) =>
        await outbox.ResendAsync(id, Change.Actor(http), http.RequestAborted) switch
        {
            null => Results.NotFound("没有这条消息"),
            "dead" => Flash.Redirect("/admin/outbox", "resent"),
            _ => Results.Conflict("这条消息没有发送失败，不需要重新发送"),
        };

    /// <summary>Everyone an entry names: its actor, a person it is about, the members in its detail.</summary>
    private static IEnumerable<string> PeopleOf(AuditEntry entry)
    {
        yield return entry.Actor.StartsWith("dashboard:", StringComparison.Ordinal) ? entry.Actor["dashboard:".Length..] : entry.Actor;
        if (entry.Subject.StartsWith("person:", StringComparison.Ordinal)) yield return entry.Subject["person:".Length..];
        if (Detail(entry) is not { } detail) yield break;
        if (detail["userId"] is JsonValue user && user.TryGetValue<string>(out var userId)) yield return userId;
        if (detail["members"] is JsonArray members)
            foreach (var member in members.OfType<JsonValue>()) yield return member.ToString();
    }

    private static JsonNode? Detail(AuditEntry entry)
    {
        try
        {
            return JsonNode.Parse(entry.Detail);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
