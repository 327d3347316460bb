using Bot.Host.WeCom.Archive;
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
        app.MapPost("/sandbox/archive", SwitchArchiveAsync);
        app.MapGet("/sandbox/feed", async (long? after, NpgsqlDataSource dataSource, SandboxChat chat, CancellationToken ct) =>
        {
            var (items, last) = chat.Since(await DirectoryAsync(dataSource, ct), after ?? 0);
            return Results.Json(new { items, last });
        });
    }

    private static async Task<IResult> SendAsync(IFormCollection form, NpgsqlDataSource dataSource, SandboxChat chat, SandboxSender sender,
        IOptions<SandboxOptions> options, IServiceProvider services, CancellationToken ct)
    {
        var chatId = form["chatId"].ToString();
        var userId = form["userId"].ToString();
        var text = form["text"].ToString().Trim();
        // The page's 「@机器人」 switch, on unless turned off: WeCom gives the bot only the messages that @ it.
        var mentionsBot = form["mention"] != "off";
        if (text.Length is 0 or > MaxText) return Results.BadRequest(new { error = $"消息须为 1–{MaxText} 个字" });
        var group = await DirectoryQueries.GroupAsync(dataSource, chatId, ct);
        var members = group is null ? [] : await DirectoryQueries.MembersAsync(dataSource, chatId, ct);
        var member = members.FirstOrDefault(m => m.UserId == userId);
        if (group is null || member is null) return Results.BadRequest(new { error = "请选择一个群和其中的成员" });

        // Listed before it is sent: the bot may answer (through the outbox) before the callback returns.
        var directory = await DirectoryAsync(dataSource, ct);
        // The 「会话存档」 switch: the archive has every message, with or without the @, a little after the callback.
        var archive = await ArchivedAsync(dataSource, chatId, ct) ? services.GetService<SandboxArchive>() : null;
        var posted = mentionsBot ? $"@{sender.BotName} {text}" : text;
        chat.AddMemberPost(directory, chatId, userId, posted, seenByBot: mentionsBot || archive is not null);
        void Archive() => archive?.Add(chatId, userId, [.. members.Select(m => m.UserId)], posted);
        if (!mentionsBot)
        {
            Archive();
            return Results.Json(new { ok = true, delivered = false, archived = archive is not null });
        }

        // The sandbox group posts through its own key; a group added on the dashboard through its configured one is
        // not known here (the key is never read back), so the bot falls back to the callback's URL as with real WeCom.
        var key = chatId == options.Value.ChatId ? options.Value.WebhookKey : $"sandbox-{chatId}";
        var (status, body) = await sender.SendAsync(chatId, userId, member.Name.Length > 0 ? member.Name : userId, text, key, ct);
        if (status != StatusCodes.Status200OK)
            chat.AddNote(directory, chatId, $"回调被拒绝：HTTP {status} {(body.Length > 200 ? body[..200] : body)}");
        Archive();
        return Results.Json(new { ok = status == StatusCodes.Status200OK, delivered = true, archived = archive is not null, status });
    }

    /// <summary>The 「会话存档」 switch: the group's channel becomes 'archive' (its sandbox room) or 'callback' again.</summary>
    private static async Task<IResult> SwitchArchiveAsync(IFormCollection form, NpgsqlDataSource dataSource, ArchiveMapping mapping, TimeProvider time,
        IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<SandboxArchive>() is null) return Results.BadRequest(new { error = "本服务配置了真实的会话存档，沙盒不模拟" });
        var chatId = form["chatId"].ToString();
        var on = form["on"] == "on";
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await mapping.SetAsync(connection, transaction, chatId, on ? SandboxArchive.RoomOf(chatId) : null, on ? "archive" : "callback", now, ct) is { } bad)
            return Results.BadRequest(new { error = $"{bad.Field} {bad.Problem}" });
        await AuditStore.WriteAsync(connection, transaction, now, "sandbox", "group.archive", $"group:{chatId}", new { channel = on ? "archive" : "callback" }, ct);
        await transaction.CommitAsync(ct);
        return Results.Json(new { ok = true, archived = on });
    }

    private static async Task<bool> ArchivedAsync(NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ArchiveStore.GroupAsync(connection, null, chatId, ct) is { Channel: not "callback" };
    }

    private static async Task<SandboxChat.Directory> DirectoryAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var people = await DirectoryQueries.PeopleAsync(dataSource, ct);
        return new SandboxChat.Directory(people.ToDictionary(p => p.UserId, p => p.Name));
    }
}
