using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using static Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/login</c> and <c>/admin/logout</c>: administrators from <c>Admin:Users</c>, a cookie session.</summary>
public static class LoginEndpoints
{
    // Verified when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly string Decoy = PasswordHash.Create(Guid.NewGuid().ToString(), PasswordHash.DefaultIterations);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/login", (HttpContext http, string? returnUrl) => LoginPage(http, returnUrl, "", null)).AllowAnonymous();
        app.MapPost("/admin/login", LoginAsync).AllowAnonymous();
        app.MapPost("/admin/logout", async (HttpContext http, IFormCollection _) =>
        {
            await http.SignOutAsync(DashboardSetup.Scheme);
            return Results.Redirect("/admin/login");
        }).RequireAuthorization(DashboardSetup.Scheme);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IFormCollection form, IOptionsMonitor<DashboardOptions> options,
        LoginThrottle throttle, ILogger<DashboardOptions> logger)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsLockedOut(address))
        {
            logger.LogWarning("Dashboard login refused: too many failed attempts from {Address}", address);
            return LoginPage(http, form["returnUrl"].ToString(), "", "登录失败次数过多，请15分钟后再试。", StatusCodes.Status429TooManyRequests);
        }

        var userName = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var user = options.CurrentValue.Find(userName);
        var ok = PasswordHash.Verify(password, user?.PasswordHash ?? Decoy) && user is not null;
        if (!ok)
        {
            throttle.Failed(address);
            logger.LogWarning("Dashboard login refused for user name {UserName}", userName);
            return LoginPage(http, returnUrl, userName, "用户名或密码错误。", StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(address);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user!.UserName)], DashboardSetup.Scheme);
        await http.SignInAsync(DashboardSetup.Scheme, new ClaimsPrincipal(identity));
        logger.LogInformation("Dashboard login of {UserName}", user.UserName);
        return Results.Redirect(IsLocalAdminPath(returnUrl) ? returnUrl : "/admin");
    }

    /// <summary>Only a path of this dashboard: an absolute or protocol-relative URL would make the login an open redirect.</summary>
    private static bool IsLocalAdminPath(string? url) =>
        url is { Length: > 0 } && url.StartsWith("/admin", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal);

    private static IResult LoginPage(HttpContext http, string? returnUrl, string userName, string? error, int status = StatusCodes.Status200OK) =>
        Document("登录", $"""
            <main class="login">
              <h1>群规助手 · 管理后台</h1>
              {(error is null ? "" : Error(error))}
              {Form(http, "/admin/login", $"""
                <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
                <label>用户名 <input name="userName" value="{E(userName)}" autocomplete="username" required autofocus></label>
                <label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">登录</button>
                """, "stack")}
              <p class="muted">管理员账号在配置 <code>Admin:Users</code> 中设置；密码哈希用 <code>dotnet Bot.Host.dll hash-password 密码</code> 生成。</p>
            </main>
            """, status);
}
