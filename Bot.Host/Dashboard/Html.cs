using System.Globalization;
using System.Net;
using System.Text;
using Bot.Host.Rules;
using Microsoft.AspNetCore.Antiforgery;

namespace Bot.Host.Dashboard;

/// <summary>
/// The few helpers every page is written with. Pages are C# interpolated strings, so the rule is simple: every value
/// that did not come from this code goes through <see cref="E"/> (text and attributes) or <see cref="U"/> (in a URL).
/// </summary>
public static class Html
{
    private static readonly (string Path, string Label)[] Nav =
    [
        ("/admin", "概览"), ("/admin/violations", "违规"), ("/admin/groups", "群组"), ("/admin/people", "人员"),
        ("/admin/policy", "规则"), ("/admin/audit", "审计日志"), ("/admin/outbox", "发送失败"),
    ];

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string U(string text) => Uri.EscapeDataString(text);

    public static string N(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant on the default policy's clock (the school's), never the server's.</summary>
    public static string Time(HttpContext http, DateTimeOffset? instant, string format = "MM-dd HH:mm:ss") =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, Zone(http)).ToString(format, CultureInfo.InvariantCulture) : "—";

    public static TimeZoneInfo Zone(HttpContext http) => http.RequestServices.GetRequiredService<RuleEngine>().DefaultPolicy.Zone;

    /// <summary>The hidden antiforgery field; the middleware refuses a form post without it (400).</summary>
    public static string Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""<input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">""";
    }

    public static string Form(HttpContext http, string action, string inner, string css = "") =>
        $"""<form method="post" action="{E(action)}" class="{E(css)}">{Token(http)}{inner}</form>""";

    /// <summary>A table; the cells are HTML already encoded by the caller.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string empty = "暂无数据")
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers) html.Append("<th>").Append(E(header)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(cell).Append("</td>");
            html.Append("</tr>");
        }

        if (!any) html.Append(CultureInfo.InvariantCulture, $"""<tr><td colspan="{headers.Count}" class="muted">{E(empty)}</td></tr>""");
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The page in the dashboard's frame: navigation, the signed-in user and a logout button.</summary>
    public static IResult Page(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        var path = http.Request.Path.Value ?? "";
        var nav = string.Concat(Nav.Select(n =>
            $"""<a href="{n.Path}"{(IsActive(path, n.Path) ? " class=\"active\"" : "")}>{n.Label}</a>"""));
        var done = Flash.Message(http) is { } message ? $"""<p class="flash ok">{E(message)}</p>""" : "";
        var user = Form(http, "/admin/logout", $"""<span>{E(http.User.Identity?.Name)}</span> <button type="submit" class="link">退出</button>""", "logout");
        return Document(title, $"""
            <header class="top"><span class="brand">群规助手 · 管理后台</span><nav>{nav}</nav>{user}</header>
            <main><h1>{E(title)}</h1>{done}{body}</main>
            """, status);
    }

    public static IResult Document(string title, string body, int status = StatusCodes.Status200OK, string head = "") =>
        Results.Content($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · 群规助手</title><link rel="stylesheet" href="/admin/assets/dashboard.css">{head}</head>
            <body>{body}</body></html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string Error(string message) => $"""<p class="flash error">{E(message)}</p>""";

    public static IResult Redirect(string path, string done) => Flash.Redirect(path, done);

    private static bool IsActive(string path, string link) =>
        link == "/admin" ? path is "/admin" or "/admin/" || path.StartsWith("/admin/notices", StringComparison.Ordinal) : path.StartsWith(link, StringComparison.Ordinal);
}
