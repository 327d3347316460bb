namespace Bot.Host.Dashboard;

/// <summary>
/// The message a page shows after a change (post/redirect/get): chosen by a key in the query, so that a link cannot
/// make the page say arbitrary words.
/// </summary>
public static class Flash
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["reminded"] = "已加入发送队列：群内提醒（@{0}人）将尽快发出。",
        ["reminded-later"] = "现在是免打扰时段：群内提醒（@{0}人）将在免打扰结束后发出。如需立即发出，请勾选「免打扰时段也立即发出」。",
        ["group-saved"] = "群组设置已保存。",
        ["member-added"] = "成员已加入群名单。",
        ["member-removed"] = "成员已移出群名单。",
        ["member-not-in-roster"] = "该成员不在群名单中，未作改动。",
        ["person-saved"] = "人员信息已保存。",
        ["person-deleted"] = "人员已删除。",
        ["imported"] = "CSV 导入完成：共导入 {0} 人。",
        ["words-imported"] = "词条已导入：新增 {0} 条。",
        ["policy-saved"] = "规则已保存。",
        ["policy-unchanged"] = "规则没有变化。",
        ["policy-reset"] = "已恢复为学校的默认规则。",
        ["word-added"] = "词条已添加，下一条消息即生效。",
        ["word-deleted"] = "词条已删除。",
        ["resent"] = "已重新加入发送队列。",
        ["dismissed"] = "已按误判撤销：这条违规不再计入警告。",
    };

    /// <summary>The message of the <c>done</c> key; a count in it comes from <c>n</c>, read as a number and nothing else.</summary>
    public static string? Message(HttpContext? http)
    {
        if (http?.Request.Query["done"].ToString() is not { Length: > 0 } key || !Messages.TryGetValue(key, out var message)) return null;
        var count = int.TryParse(http.Request.Query["n"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        return message.Replace("{0}", count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Redirects to <paramref name="path"/> with the message's key, placed before any #fragment where the server can read it.</summary>
    public static IResult Redirect(string path, string done, params (string Key, string Value)[] extra)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hash = path.IndexOf('#', StringComparison.Ordinal);
        var (target, fragment) = hash < 0 ? (path, "") : (path[..hash], path[hash..]);
        var query = string.Concat(extra.Select(e => $"&{e.Key}={Uri.EscapeDataString(e.Value)}"));
        return Results.Redirect($"{target}{(target.Contains('?', StringComparison.Ordinal) ? '&' : '?')}done={done}{query}{fragment}");
    }
}
