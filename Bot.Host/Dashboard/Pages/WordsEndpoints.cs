using Bot.Host.Rules;
using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The banned-word lists by category (and the allow-list): counts, one category's entries, add and delete. A change flags the very next message.</summary>
public static class WordsEndpoints
{
    private const int Shown = 300;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/words", AddAsync);
        admin.MapPost("/words/{id:long}/delete", DeleteAsync);
    }

    /// <summary>An entry the form sent back, refused: shown again in the form with the reason in Chinese.</summary>
    public sealed record Rejected(string Category, string Pattern, string Kind, string Reason);

    public static async Task<string> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, string? category, CancellationToken ct, Rejected? rejected = null)
    {
        IReadOnlyList<WordRow> rows;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
            rows = await WordListStore.ListAsync(connection, null, null, ct);
        var counts = rows.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count());
        var keys = BannedCategories.All.Select(c => c.Key()).Append(WordListStore.AllowCategory).ToList();
        var chat = http.Request.Query["chat"].ToString();
        var tabs = string.Concat(keys.Select(k =>
            $"""<a href="/admin/policy?chat={U(chat)}&amp;words={U(k)}#words" class="{(k == category ? "pill active" : "pill")}">{E(Label(k))} {N(counts.GetValueOrDefault(k))}</a>"""));
        var list = "";
        if (category is not null && keys.Contains(category))
        {
            var entries = rows.Where(r => r.Category == category).OrderByDescending(r => r.Id).ToList();
            list = Table(["词条", "类型", "添加时间", ""], entries.Take(Shown).Select(w => (IReadOnlyList<string>)
            [
                $"<code>{E(w.Pattern)}</code>", E(w.Kind), Time(http, w.CreatedAt, "yyyy-MM-dd"),
                Form(http, $"/admin/words/{N(w.Id)}/delete", """<button type="submit" class="link danger">删除</button>""", "inline"),
            ]), "此类别没有词条") + (entries.Count > Shown ? $"<p class=\"muted\">仅显示最新 {Shown} 条，共 {entries.Count} 条。</p>" : "");
        }

        var selected = rejected?.Category ?? category;
        var options = string.Concat(keys.Select(k => $"""<option value="{E(k)}"{(k == selected ? " selected" : "")}>{E(Label(k))}</option>"""));
        var kinds = string.Concat(new[] { ("plain", "普通"), ("wildcard", "通配（*）"), ("regex", "正则") }.Select(k =>
            $"""<option value="{k.Item1}"{(k.Item1 == rejected?.Kind ? " selected" : "")}>{k.Item2}</option>"""));
        var add = Form(http, "/admin/words", $"""
            <label>类别 <select name="category">{options}</select></label>
            <label class="grow">词条 <input name="pattern" required maxlength="{WordEntryRules.MaxPatternLength}" value="{E(rejected?.Pattern)}" placeholder="例如：代开发票；转发*好运；正则"></label>
            <label>类型 <select name="kind">{kinds}</select></label>
            <button type="submit">添加词条</button>
            """, "row");
        var error = rejected is null ? "" : Error($"未添加：{rejected.Reason}");
        return $"""<h2 id="words">违禁词库</h2><nav class="pills">{tabs}</nav>{error}{add}{list}""";
    }

    private static async Task<IResult> AddAsync(HttpContext http, IFormCollection form, NpgsqlDataSource dataSource)
    {
        var (category, pattern, kind) = (form["category"].ToString(), form["pattern"].ToString(), form["kind"].ToString());
        var result = await WordListEdits.AddAsync(dataSource, Change.Now(http), Change.Actor(http), category, pattern, kind, http.RequestAborted);
        var reason = result switch
        {
            WordAdded.Added => null,
            WordAdded.AlreadyListed listed => $"「{listed.Pattern}」已在{Label(listed.Category)}中",
            WordAdded.Refused { Refusal: var refusal } => refusal.Field == "pattern" ? $"词条{refusal.Problem.Chinese}" : refusal.Problem.Chinese,
            _ => throw new InvalidOperationException($"unexpected result {result}"),
        };
        if (reason is null) return Redirect($"/admin/policy?words={U(category)}#words", "word-added");
        return await PolicyPage.RenderAsync(http, http.Request.Query["chat"], WordListEdits.IsCategory(category) ? category : null, null, null,
            new Rejected(category, pattern, kind, reason));
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, NpgsqlDataSource dataSource)
    {
        var removed = await WordListEdits.DeleteAsync(dataSource, Change.Now(http), Change.Actor(http), id, http.RequestAborted);
        return removed is null ? Results.NotFound() : Redirect($"/admin/policy?words={U(removed.Category)}#words", "word-deleted");
    }

    public static string Label(string key) => key == WordListStore.AllowCategory ? "白名单"
        : BannedCategories.TryParseKey(key, out var category) ? category.DisplayName() : key;
}
