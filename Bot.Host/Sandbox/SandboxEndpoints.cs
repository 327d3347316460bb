using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Sandbox;

/// <summary><c>GET /sandbox</c> (the page), <c>POST /sandbox/send</c> (a member speaks; antiforgery-checked form) and <c>GET /sandbox/feed?after=N</c>.</summary>
public static class SandboxEndpoints
{
    public const int MaxText = 2000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox", SandboxPage.RenderAsync);
        app.MapPost("/sandbox/send", SendAsync);
        app.MapGet("/sandbox/feed", async (long? after, NpgsqlDataSource dataSource, SandboxChat chat, CancellationToken ct) =>
        {
            var (items, last) = chat.Since(await DirectoryAsync(dataSource, ct), after ?? 0);
            return Results.Json(new { items, last });
        });
    }

    private static async Task<IResult> SendAsync(IFormCollection form, NpgsqlDataSource dataSource, SandboxChat chat, SandboxSender sender,
        IOptions<SandboxOptions> options, CancellationToken ct)
    {
        var chatId = form["chatId"].ToString();
        var userId = form["userId"].ToString();
        var text = form["text"].ToString().Trim();
        // The page's 「@机器人」 switch, on unless turned off: WeCom gives the bot only the messages that @ it.
        var mentionsBot = form["mention"] != "off";
        if (text.Length is 0 or > MaxText) return Results.BadRequest(new { error = $"消息须为 1–{MaxText} 个字" });
        var group = await DirectoryQueries.GroupAsync(dataSource, chatId, ct);
        var member = group is null ? null : (await DirectoryQueries.MembersAsync(dataSource, chatId, ct)).FirstOrDefault(m => m.UserId == userId);
        if (group is null || member is null) return Results.BadRequest(new { error = "请选择一个群和其中的成员" });

        // Listed before it is sent: the bot may answer (through the outbox) before the callback returns.
        var directory = await DirectoryAsync(dataSource, ct);
        if (!mentionsBot)
        {
            chat.AddMemberPost(directory, chatId, userId, text, seenByBot: false);
            return Results.Json(new { ok = true, delivered = false });
        }

        chat.AddMemberPost(directory, chatId, userId, $"@{sender.BotName} {text}");
        // The sandbox group posts through its own key; a group added on the dashboard through its configured one is
        // not known here (the key is never read back), so the bot falls back to the callback's URL as with real WeCom.
        var key = chatId == options.Value.ChatId ? options.Value.WebhookKey : $"sandbox-{chatId}";
        var (status, body) = await sender.SendAsync(chatId, userId, member.Name.Length > 0 ? member.Name : userId, text, key, ct);
        if (status != StatusCodes.Status200OK)
            chat.AddNote(directory, chatId, $"回调被拒绝：HTTP {status} {(body.Length > 200 ? body[..200] : body)}");
        return Results.Json(new { ok = status == StatusCodes.Status200OK, delivered = true, status });
    }

    private static async Task<SandboxChat.Directory> DirectoryAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var people = await DirectoryQueries.PeopleAsync(dataSource, ct);
        return new SandboxChat.Directory(people.ToDictionary(p => p.UserId, p => p.Name));
    }
}
