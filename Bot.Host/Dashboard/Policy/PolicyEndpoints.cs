using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.Groups;
using Bot.Host.Rules;
using Bot.Host.WeCom;
using Bot.Host.Wording;
using Bot.Rules.Messages;
using Bot.Rules.Policy;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Dashboard.Policy;

/// <summary>
/// <c>/admin/policy</c>: a group's rules as a form (saved through <see cref="GroupService"/>, as the admin API saves
/// them), the JSON behind a confirmation, 「恢复默认规则」 behind a confirmation, and 「试一试」.
/// </summary>
public static class PolicyEndpoints
{
    private static readonly JsonSerializerOptions Pretty = new(PolicyJson.Options) { WriteIndented = true };

    /// <summary>What a refused or tried post shows again on the page.</summary>
    private sealed record Posted(PolicyForm? Form = null, IReadOnlyDictionary<string, string>? Errors = null, string? Problem = null,
        string? JsonText = null, TryOutcome? Tried = null, string? TryText = null, string? TrySender = null);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/policy", (HttpContext http, string? chat, string? words) =>
            // The word lists had their place on this page once; old links land on their own page.
            words is not null ? Task.FromResult(Results.Redirect($"/admin/words?category={Uri.EscapeDataString(words)}")) : RenderAsync(http, chat));
        admin.MapPost("/policy/{chatId}", SaveAsync);
        admin.MapPost("/policy/{chatId}/json", SaveJsonAsync);
        admin.MapPost("/policy/{chatId}/reset", ResetAsync);
        admin.MapPost("/policy/try", TryAsync);
    }

    private static async Task<IResult> RenderAsync(HttpContext http, string? chat, Posted? posted = null, int status = StatusCodes.Status200OK)
    {
        var ct = http.RequestAborted;
        var db = http.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var groups = await DirectoryQueries.GroupsAsync(db, ct);
        var group = groups.FirstOrDefault(g => g.ChatId == chat) ?? (string.IsNullOrEmpty(chat) && groups.Count > 0 ? groups[0] : null);
        if (group is null && !string.IsNullOrEmpty(chat)) return Results.NotFound("没有这个群");
        var (policy, overrides) = Current(http, group);
        var shown = PolicyForm.Of(policy, group?.Issuers ?? []);
        return View.Page<PolicyPage>(new
        {
            Groups = groups, Group = group, Roster = group is null ? [] : await DirectoryQueries.MembersAsync(db, group.ChatId, ct),
            Form = posted?.Form is { } typed ? shown.With(typed) : shown, Errors = posted?.Errors ?? new Dictionary<string, string>(),
            Overrides = overrides.ToJsonString(Pretty), posted?.JsonText, posted?.Problem, posted?.Tried, posted?.TryText, posted?.TrySender,
            Today = Today.Of(http, policy.Zone),
        }, status);
    }

    /// <summary>Saves the form: a field not posted keeps its value, so an empty or partial post never wipes a setting.</summary>
    private static async Task<IResult> SaveAsync(string chatId, HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db)
    {
        if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is not { } group) return Results.NotFound("没有这个群");
        var (current, stored) = Current(http, group);
        var posted = PolicyForm.Of(form);
        var change = posted.Read(current, Defaults(http), group.Issuers);
        if (change.Overrides is not { } overrides)
            return await RenderAsync(http, chatId, new Posted(posted, change.Errors), StatusCodes.Status400BadRequest);
        if (JsonNode.DeepEquals(overrides, stored) && change.Issuers.SequenceEqual(group.Issuers))
            return Flash.Redirect($"/admin/policy?chat={Uri.EscapeDataString(chatId)}", "policy-unchanged");
        var problems = await groups.SavePolicyAsync(chatId, overrides, change.Issuers, Change.Actor(http), http.RequestAborted);
        if (problems.Count > 0)
            return await RenderAsync(http, chatId, new Posted(posted, problems.ToDictionary(p => Field(p.Field), p => p.Message)), StatusCodes.Status400BadRequest);
        return Flash.Redirect($"/admin/policy?chat={Uri.EscapeDataString(chatId)}", "policy-saved");
    }

    /// <summary>The experts' JSON: replaces every override, only when confirmed, never when empty.</summary>
    private static async Task<IResult> SaveJsonAsync(string chatId, HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db)
    {
        if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is not { } group) return Results.NotFound("没有这个群");
        var text = form["overrides"].ToString();
        string? problem = form["confirmed"] != "yes" ? "请勾选确认后再保存 JSON。"
            : text.Trim().Length == 0 ? "JSON 为空，未保存。要恢复默认规则，请用「恢复默认规则」。"
            : null;
        JsonObject? overrides = null;
        if (problem is null)
        {
            try
            {
                overrides = JsonNode.Parse(text) as JsonObject;
                problem = overrides is null ? "JSON 须是一个对象：{ \"设置名\": 值, … }" : null;
            }
            catch (JsonException bad)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"JSON 格式有误（第{(bad.LineNumber ?? 0) + 1}行附近），未保存。");
            }
        }

        if (problem is null && await groups.SavePolicyAsync(chatId, overrides!, group.Issuers, Change.Actor(http), http.RequestAborted) is [var first, ..])
            problem = $"未保存：{first.Message}";
        return problem is null
            ? Flash.Redirect($"/admin/policy?chat={Uri.EscapeDataString(chatId)}", "policy-saved")
            : await RenderAsync(http, chatId, new Posted(Problem: problem, JsonText: text), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ResetAsync(string chatId, HttpContext http, IFormCollection form, GroupService groups, NpgsqlDataSource db)
    {
        if (form["confirmed"] != "yes") return Results.BadRequest("请先确认");
        if (await DirectoryQueries.GroupAsync(db, chatId, http.RequestAborted) is not { } group) return Results.NotFound("没有这个群");
        await groups.SavePolicyAsync(chatId, [], group.Issuers, Change.Actor(http), http.RequestAborted);
        return Flash.Redirect($"/admin/policy?chat={Uri.EscapeDataString(chatId)}", "policy-reset");
    }

    private static async Task<IResult> TryAsync(HttpContext http, IFormCollection form, TryService tries, IOptions<WeComOptions> wecom)
    {
        var (chatId, senderId, text) = (form["chatId"].ToString(), form["senderId"].ToString(), form["text"].ToString());
        // Read as WeCom's callback would give it: the @ of the bot taken out, other mentions apart.
        var (body, mentions) = MentionText.Split(text, wecom.Value.EffectiveBotNames);
        var (outcome, problems) = await tries.RunAsync(new TryRequest(chatId, senderId, body, Mentions: mentions), http.RequestAborted);
        return await RenderAsync(http, chatId, new Posted(Problem: problems.Count > 0 ? string.Join("；", problems.Select(p => p.Message)) : null,
            Tried: outcome, TryText: text, TrySender: senderId), problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The group's policy in effect (the defaults when its stored overrides no longer merge) and its stored overrides.</summary>
    private static (GroupPolicy Policy, JsonObject Overrides) Current(HttpContext http, GroupSummary? group)
    {
        var overrides = group is null ? [] : JsonNode.Parse(group.Policy) as JsonObject ?? [];
        return (GroupRules.Policy(Defaults(http), overrides).Policy ?? Defaults(http), overrides);
    }

    private static GroupPolicy Defaults(HttpContext http) => http.RequestServices.GetRequiredService<PolicyDefaults>().Policy;

    private static string Field(string key) => key.StartsWith("policy.", StringComparison.Ordinal) ? key["policy.".Length..].Split('.', '[')[0] : key;
}
