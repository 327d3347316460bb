using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bot.Host.Dashboard;

/// <summary>
/// A page: a Razor component rendered on the server into the response, no interactivity. Every value written into it is
/// HTML-encoded by the renderer, so nothing a member or an administrator typed can become markup or script.
/// </summary>
public static class View
{
    public static RazorComponentResult<TPage> Page<TPage>(object parameters, int status = StatusCodes.Status200OK) where TPage : IComponent =>
        new(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
