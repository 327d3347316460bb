using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.Rules;
using Bot.Rules.Policy;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>
/// <c>/admin/policy</c>: per group, the policy overrides as JSON (validated by the same merge the bot uses, so a bad
/// value is refused with its key named), the effective policy, the word lists, and the 「试一试」 box.
/// </summary>
public static class PolicyPage
{
    private static readonly JsonSerializerOptions Pretty = new(PolicyJson.Options) { WriteIndented = true };

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/policy", (HttpContext http, string? chat, string? words) => RenderAsync(http, chat, words, null, null));
        admin.MapPost("/policy/{chatId}", SaveAsync);
        admin.MapPost("/policy/try", async (HttpContext http, IFormCollection form) =>
        {
            var chat = form["chatId"].ToString();
            var result = await TryMessage.RenderAsync(http, chat, form["senderId"].ToString(), form["text"].ToString());
            return await RenderAsync(http, chat, null, null, result);
        });
    }

    public static async Task<IResult> RenderAsync(HttpContext http, string? chat, string? words, (string Json, string Error)? rejected, string? tried,
        WordsEndpoints.Rejected? rejectedWord = null)
    {
        var ct = http.RequestAborted;
        var dataSource = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var defaults = http.RequestServices.GetRequiredService<RuleEngine>().DefaultPolicy;
        var groups = await DirectoryQueries.GroupsAsync(dataSource, ct);
        var group = groups.FirstOrDefault(g => g.ChatId == chat) ?? (groups.Count > 0 ? groups[0] : null);
        var picker = string.Concat(groups.Select(g =>
            $"""<a href="/admin/policy?chat={U(g.ChatId)}" class="{(g == group ? "pill active" : "pill")}">{E(g.Name.Length > 0 ? g.Name : g.ChatId)}</a>"""));

        var groupSection = "";
        if (group is not null)
        {
            var overrides = rejected?.Json ?? JsonNode.Parse(group.Policy)!.ToJsonString(Pretty);
            GroupPolicy effective;
            try { effective = PolicyJson.Merge(defaults, JsonNode.Parse(group.Policy) as JsonObject); }
            catch (PolicyException) { effective = defaults; }
            var members = await DirectoryQueries.MembersAsync(dataSource, group.ChatId, ct);
            groupSection = $"""
                <div class="columns">
                  <section><h2>当前生效的规则</h2>{Summary(effective)}</section>
                  <section><h2>本群的覆盖设置（JSON）</h2>{(rejected is { } r ? Error(r.Error) : "")}
                    {Form(http, $"/admin/policy/{U(group.ChatId)}", $"""
                      <textarea name="overrides" rows="10" spellcheck="false">{E(overrides)}</textarea>
                      <p class="muted">只写需要改的键，例如 {E("""{"replyWindow":"01:00:00","quietHours":[{"start":"22:00","end":"07:00"}],"requestMarkers":["收到请回复"]}""")}</p>
                      <button type="submit">保存规则</button>
                      """, "stack")}
                  </section>
                </div>
                <h2>试一试：这条消息会怎样？</h2>
                <p class="muted">用本群当前的名单、规则与词库判断一条假设的消息，逐条列出每条规则的结论和理由；不会保存，也不会发送任何消息。</p>
                {Form(http, "/admin/policy/try", $"""
                  <input type="hidden" name="chatId" value="{E(group.ChatId)}">
                  <label>发送人 <select name="senderId">{string.Concat(members.Select(m => $"<option value=\"{E(m.UserId)}\">{E(m.Name.Length > 0 ? m.Name : m.UserId)}</option>"))}</select></label>
                  <label class="grow">消息 <input name="text" required placeholder="例如：明天开会。收到请回复：我已知晓，马上照办！"></label>
                  <button type="submit">试一试</button>
                  """, "row")}
                {tried}
                """;
        }

        var wordSection = await WordsEndpoints.RenderAsync(http, dataSource, words, ct, rejectedWord);
        var status = rejected is null && rejectedWord is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Page(http, "规则", $"""<nav class="pills">{picker}</nav>{groupSection}{wordSection}""", status);
    }

    private static async Task<IResult> SaveAsync(string chatId, HttpContext http, IFormCollection form, RuleEngine engine)
    {
        var json = form["overrides"].ToString();
        JsonObject overrides;
        try
        {
            overrides = (json.Trim().Length == 0 ? new JsonObject() : JsonNode.Parse(json) as JsonObject)
                ?? throw new PolicyException("policy", "must be a JSON object { … }");
            PolicyJson.Merge(engine.DefaultPolicy, overrides, "policy.");
        }
        catch (Exception ex) when (ex is JsonException or PolicyException)
        {
            return await RenderAsync(http, chatId, null, (json, $"未保存：{ex.Message}"), null);
        }

        var compact = overrides.ToJsonString(PolicyJson.Options);
        await Change.RunAsync(http, "group.policy-saved", $"group:{chatId}", new { policy = overrides },
            (connection, transaction, now) => DirectoryEdits.SetPolicyAsync(connection, transaction, chatId, compact, now, http.RequestAborted));
        return Redirect($"/admin/policy?chat={U(chatId)}", "policy-saved");
    }

    private static string Summary(GroupPolicy p) => Table(["设置", "值"], new (string, string)[]
    {
        ("休息时间（不发言）", p.QuietHours.Count == 0 ? "无" : string.Join("、", p.QuietHours)),
        ("回复期限 replyWindow", p.ReplyWindow.ToString()),
        ("情况说明期限 explanationWindow", p.ExplanationWindow?.ToString() ?? "至第二天结束"),
        ("整改期限 rectificationWindow", p.RectificationWindow.ToString()),
        ("需回复标记 requestMarkers", string.Join("、", p.RequestMarkers)),
        ("无需回复标记 noReplyMarkers", string.Join("、", p.NoReplyMarkers)),
        ("情况说明标记 explanationMarkers", string.Join("、", p.ExplanationMarkers)),
        ("回复用语 ackPhrase", p.AckPhrase),
        ("警告上限 strikeLimit", $"{p.StrikeLimit}次 / {p.StrikeWindow.TotalDays:0}天"),
        ("时区 timeZone", p.TimeZone),
    }.Select(r => (IReadOnlyList<string>)[E(r.Item1), E(r.Item2)]));
}
