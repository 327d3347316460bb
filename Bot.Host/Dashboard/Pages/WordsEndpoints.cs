using Bot.Host.Rules;
using Bot.Host.Wording;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/words</c>: the word lists through <see cref="WordListEdits"/>, the same service as the admin API's.</summary>
public static class WordsEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/words", (HttpContext http, string? category) => RenderAsync(http, category));
        admin.MapPost("/words", AddAsync);
        admin.MapPost("/words/import", ImportAsync);
        admin.MapPost("/words/{id:long}/delete", async (long id, HttpContext http, IFormCollection form, NpgsqlDataSource db) =>
        {
            if (form["confirmed"] != "yes") return Results.BadRequest("请先确认删除");
            var removed = await WordListEdits.DeleteAsync(db, Change.Now(http), Change.Actor(http), id, http.RequestAborted);
            return removed is null ? Results.NotFound("没有这个词条") : Flash.Redirect($"/admin/words?category={removed.Category}", "word-deleted");
        });
    }

    private static async Task<IResult> AddAsync(HttpContext http, IFormCollection form, NpgsqlDataSource db)
    {
        var posted = new WordsPage.Entry(form["category"].ToString(), form["pattern"].ToString(), form["kind"].ToString());
        var result = await WordListEdits.AddAsync(db, Change.Now(http), Change.Actor(http), posted.Category, posted.Pattern, posted.Kind, http.RequestAborted);
        var problem = result switch
        {
            WordAdded.Added => null,
            WordAdded.AlreadyListed listed => $"「{listed.Pattern}」已在{WordsPage.Label(listed.Category)}中",
            WordAdded.Refused { Refusal: var refusal } => refusal.Field == "pattern" ? $"词条{refusal.Problem.Chinese}" : refusal.Problem.Chinese,
            _ => throw new InvalidOperationException($"unexpected result {result}"),
        };
        return problem is null
            ? Flash.Redirect($"/admin/words?category={Uri.EscapeDataString(posted.Category)}", "word-added")
            : await RenderAsync(http, WordListEdits.IsCategory(posted.Category) ? posted.Category : null, posted, problem);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, string? category, IFormCollection form, NpgsqlDataSource db)
    {
        if (!WordListEdits.IsCategory(category)) return Results.BadRequest("没有这个类别");
        var text = form["list"].ToString();
        var import = await WordListEdits.ImportAsync(db, Change.Now(http), Change.Actor(http), category!, text, http.RequestAborted);
        return import.Refused.Count > 0
            ? await RenderAsync(http, category, refused: import.Refused, listText: text)
            : Flash.Redirect($"/admin/words?category={Uri.EscapeDataString(category!)}", "words-imported", ("n", import.Added.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> RenderAsync(HttpContext http, string? category, WordsPage.Entry? posted = null, string? problem = null,
        IReadOnlyList<Bot.Rules.Moderation.RefusedLine>? refused = null, string listText = "")
    {
        var ct = http.RequestAborted;
        IReadOnlyList<WordRow> rows;
        await using (var connection = await http.RequestServices.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct))
            rows = await WordListStore.ListAsync(connection, null, null, ct);
        var shown = WordListEdits.IsCategory(category) ? category : null;
        var failed = problem is not null || refused is { Count: > 0 };
        return View.Page<WordsPage>(new
        {
            Category = shown, Counts = rows.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count()),
            Entries = rows.Where(r => r.Category == shown).OrderByDescending(r => r.Id).ToList(), Posted = posted, Problem = problem,
            Refused = refused ?? [], ListText = listText, Today = Today.Of(http),
        }, failed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
