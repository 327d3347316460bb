using Bot.Host.WeCom.Archive;
using Bot.Storage;
using Npgsql;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>
/// The group page's 会话存档 field: the group's archive room and channel, and a room the bot believes is this group (by
/// its members) for the administrator to confirm. The same <see cref="ArchiveMapping"/> as the admin API.
/// </summary>
public static class GroupArchiveField
{
    private static readonly Dictionary<string, string> ChannelNames = new(StringComparer.Ordinal)
    {
        ["callback"] = "仅@机器人的消息（回调）",
        ["archive"] = "会话存档（全部消息，无需@）",
        ["both"] = "会话存档 + 回调补漏",
    };

    public static async Task<string> RenderAsync(HttpContext http, NpgsqlDataSource dataSource, string chatId, CancellationToken ct)
    {
        var mapping = http.RequestServices.GetRequiredService<ArchiveMapping>();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var current = await ArchiveStore.GroupAsync(connection, null, chatId, ct);
        var overview = await mapping.OverviewAsync(connection, Change.Now(http), ct);
        var path = $"/admin/groups/{U(chatId)}/archive";
        var options = string.Concat(ArchiveMapping.Channels.Select(c =>
            $"""<option value="{c}"{(current?.Channel == c ? " selected" : "")}>{E(ChannelNames[c])}</option>"""));
        var form = Form(http, path, $"""
            <label>存档群 ID（roomid）<input name="roomId" value="{E(current?.RoomId)}"></label>
            <label>消息渠道 <select name="channel">{options}</select></label>
            <button type="submit">保存</button>
            """, "row");
        var proposals = string.Concat(overview.Rooms.Where(r => r.Proposal?.ChatId == chatId).Select(r => Form(http, path, $"""
            <input type="hidden" name="roomId" value="{E(r.RoomId)}"><input type="hidden" name="channel" value="archive">
            <span>会话存档中的群 {E(r.RoomId)} 有 {N(r.Proposal!.Shared)}/{N(r.Proposal.RoomMembers)} 位成员在本群名单中（{N(r.Messages)} 条消息未处理），是否为本群？</span>
            <button type="submit">确认是本群</button>
            """, "row")));
        var note = overview.Enabled ? "" : """<p class="muted">本服务未配置会话存档（WeCom:Archive），只能使用回调。</p>""";
        return $"<h2>会话存档</h2>{note}{form}{proposals}";
    }

    public static async Task<IResult> SaveAsync(string chatId, HttpContext http, IFormCollection form, NpgsqlDataSource dataSource)
    {
        var mapping = http.RequestServices.GetRequiredService<ArchiveMapping>();
        var roomId = form["roomId"].ToString();
        var channel = form["channel"].ToString();
        (string Field, string Problem, int Status)? problem = null;
        await Change.RunAsync(http, "group.archive", $"group:{chatId}", async (connection, transaction, now) =>
        {
            problem = await mapping.SetAsync(connection, transaction, chatId, roomId, channel, now, http.RequestAborted);
            return (true, problem is null ? (object?)new { roomId, channel } : null);
        });
        if (problem is null) return Redirect($"/admin/groups/{U(chatId)}", "group-saved");
        return Page(http, "会话存档", Error($"未保存：{problem.Value.Field} {problem.Value.Problem}"), problem.Value.Status);
    }
}
