using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace Bot.Host.Dashboard;

/// <summary>
/// What the sandbox's page (a string, not a Razor component) is written with: every value that did not come from its
/// code goes through <see cref="E"/>, and its form carries the antiforgery token. The dashboard's pages are Razor
/// components (<see cref="View"/>), encoded by the renderer.
/// </summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A form with the hidden antiforgery field; the middleware refuses a form post without it (400).</summary>
    public static string Form(HttpContext http, string action, string inner, string css = "")
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""<form method="post" action="{E(action)}" class="{E(css)}"><input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">{inner}</form>""";
    }

    public static IResult Document(string title, string body, int status = StatusCodes.Status200OK, string head = "") =>
        Results.Content($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · 群规助手</title><link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/admin/assets/dashboard.css">{head}</head>
            <body>{body}</body></html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);
}
