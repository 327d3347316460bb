using Npgsql;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/words</c>: the banned-word lists and the allow-list, by category.</summary>
public static class WordsPage
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/words", async (HttpContext http, string? category, NpgsqlDataSource db, CancellationToken ct) =>
            Html.Page(http, "词库", await WordsEndpoints.RenderAsync(http, db, category, ct)));
}
