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

    public static async Task<string> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, string? category, CancellationToken ct)
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

        var options = string.Concat(keys.Select(k => $"""<option value="{E(k)}"{(k == category ? " selected" : "")}>{E(Label(k))}</option>"""));
        var add = Form(http, "/admin/words", $"""
            <label>类别 <select name="category">{options}</select></label>
            <label class="grow">词条 <input name="pattern" required maxlength="200" placeholder="例如：加我微信；加*微信；re:正则"></label>
            <label>类型 <select name="kind"><option value="plain">普通</option><option value="wildcard">通配（*）</option><option value="regex">正则</option></select></label>
            <button type="submit">添加词条</button>
            """, "row");
        return $"""<h2 id="words">违禁词库</h2><nav class="pills">{tabs}</nav>{add}{list}""";
    }

    private static async Task<IResult> AddAsync(HttpContext http, IFormCollection form)
    {
        var category = form["category"].ToString();
        var pattern = form["pattern"].ToString().Trim();
        var kind = form["kind"].ToString() is "wildcard" or "regex" ? form["kind"].ToString() : "plain";
        var valid = (category == WordListStore.AllowCategory || BannedCategories.TryParseKey(category, out _)) && pattern.Length is > 0 and <= 200
            // A pattern that does not compile would break the matcher that every message goes through.
            && (kind != "regex" || IsRegex(pattern));
        if (!valid) return Results.BadRequest("category or pattern is invalid");
        await Change.RunAsync(http, "word.added", $"words:{category}", new { category, pattern, kind },
            (connection, transaction, now) => WordListStore.AddAsync(connection, transaction, category, [(pattern, kind)], now, http.RequestAborted));
        return Redirect($"/admin/policy?words={U(category)}#words", "word-added");
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, IFormCollection form)
    {
        var removed = await Change.RunAsync(http, "word.deleted", $"word:{id}", async (connection, transaction, _) =>
        {
            var row = (await WordListStore.ListAsync(connection, transaction, null, http.RequestAborted)).FirstOrDefault(w => w.Id == id);
            if (row is null) return ((string?)null, (object?)null);
            await WordListStore.RemoveAsync(connection, transaction, id, http.RequestAborted);
            return (row.Category, (object?)new { row.Category, row.Pattern });
        });
        return removed is null ? Results.NotFound() : Redirect($"/admin/policy?words={U(removed)}#words", "word-deleted");
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string Label(string key) => key == WordListStore.AllowCategory ? "白名单"
        : BannedCategories.TryParseKey(key, out var category) ? category.DisplayName() : key;
}
