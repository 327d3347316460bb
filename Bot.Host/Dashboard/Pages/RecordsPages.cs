using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Host.Outbound;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/audit</c> (who changed what, when) and <c>/admin/outbox</c> (messages WeCom refused for good, with 「重新发送」).</summary>
public static partial class RecordsPages
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

    /// <summary>Everyone an entry names: its actor, a person it is about, the members in its detail.</summary>
    private static IEnumerable<string> PeopleOf(AuditEntry entry)
    {
        yield return entry.Actor.StartsWith("dashboard:", StringComparison.Ordinal) ? entry.Actor["dashboard:".Length..] : entry.Actor;
        if (entry.Subject.StartsWith("person:", StringComparison.Ordinal)) yield return entry.Subject["person:".Length..];
        JsonNode? detail;
        try { detail = JsonNode.Parse(entry.Detail); }
        catch (System.Text.Json.JsonException) { yield break; }
        if (detail?["userId"] is JsonValue user && user.TryGetValue<string>(out var userId)) yield return userId;
        if (detail?["members"] is JsonArray members)
            foreach (var member in members.OfType<JsonValue>()) yield return member.ToString();
    }

    private static async Task<IResult> OutboxAsync(HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var dead = await OutboxStore.ListAsync(dataSource, "dead", 100, ct);
        var table = Table(["编号", "创建时间", "类型", "发往", "原因", "内容", "尝试", "最后错误", ""], dead.Select(o => (IReadOnlyList<string>)
        [
            N(o.Id), Time(http, o.CreatedAt), o.Kind == "webhook" ? "群消息" : o.Kind == "private" ? "私信" : E(o.Kind),
            E(o.Kind == "response" ? "response_url" : o.Target), E(o.Reason), E(Content(o.Payload)), N(o.Attempts), $"<span class=\"evidence\">{E(Scrub(o.LastError))}</span>",
            Form(http, $"/admin/outbox/{N(o.Id)}/resend", """<button type="submit">重新发送</button>""", "inline"),
        ]), "没有发送失败的消息");
        return Page(http, "发送失败的消息", $"<p class=\"muted\">企业微信拒收或多次重试仍失败的消息。修正原因（如群的 webhook key）后可重新发送。</p>{table}");
    }

    private static async Task<IResult> ResendAsync(long id, HttpContext http, IFormCollection form, OutboxWake wake)
    {
        var resent = await Change.RunAsync(http, "outbox.resent", $"outbox:{id}", async (connection, transaction, now) =>
            await OutboxStore.ResendAsync(connection, transaction, id, now, http.RequestAborted) ? (true, (object?)new { id }) : (false, null));
        if (!resent) return Results.NotFound();
        wake.Wake();
        return Redirect("/admin/outbox", "resent");
    }

    private static string Content(string payload) =>
        JsonNode.Parse(payload)?["content"]?.GetValue<string>() is { } content ? OverviewPage.Clip(content, 80) : "";

    /// <summary>Audit details are written by many hands (the API, the bot): values under secret-sounding keys are never shown.</summary>
    public static string Redacted(string detail)
    {
        try
        {
            var node = JsonNode.Parse(detail);
            Redact(node);
            return node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return Scrub(detail);
        }
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (SecretKey().IsMatch(key) && value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) obj[key] = "***";
                    else Redact(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array) Redact(item);
                break;
        }
    }

    /// <summary>Error texts may quote a URL: its <c>key=</c> or <c>access_token=</c> is cut.</summary>
    public static string Scrub(string? text) => text is null ? "" : SecretParameter().Replace(text, "$1=***");

    [GeneratedRegex("(key|secret|token|password|hash|aes)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex("(key|access_token|corpsecret|secret)=[^&\\s\"']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
