using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/login</c> and <c>/admin/logout</c>: administrators from <c>Admin:Users</c>, a server-side session.</summary>
public static class LoginEndpoints
{
    // Verified when the user name is unknown, so that the answer takes as long as for a known one.
    private static readonly string Decoy = PasswordHash.Create(Guid.NewGuid().ToString(), PasswordHash.DefaultIterations);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/login", (string? returnUrl) => LoginPage(ReturnUrl.Local(returnUrl), "", null)).AllowAnonymous();
        app.MapPost("/admin/login", LoginAsync).AllowAnonymous();
        app.MapPost("/admin/logout", async (HttpContext http, IFormCollection _, AdminSessions sessions) =>
        {
            await sessions.EndAsync(http.User, http.RequestAborted);
            await http.SignOutAsync(DashboardSetup.Scheme);
            return Results.Redirect("/admin/login");
        }).RequireAuthorization(DashboardSetup.Scheme);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IFormCollection form, IOptionsMonitor<DashboardOptions> options,
        LoginThrottle throttle, AdminSessions sessions, ILogger<DashboardOptions> logger)
    {
        // The client's address: the connection's, or the one a proxy in Admin:KnownProxies forwarded.
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var userName = form["userName"].ToString().Trim();
        var returnUrl = ReturnUrl.Local(form["returnUrl"].ToString());
        var attempt = throttle.TryBegin(userName, address);
        if (!attempt.Allowed)
        {
            logger.LogWarning("Dashboard login refused: too many failed attempts for user name {UserName} from {Address}", userName, address);
            return LoginPage(returnUrl, userName, $"登录失败次数过多，请 {LoginThrottle.Window.TotalMinutes:0} 分钟后再试。", StatusCodes.Status429TooManyRequests);
        }

        var user = options.CurrentValue.Find(userName);
        var ok = PasswordHash.Verify(form["password"].ToString(), user?.PasswordHash ?? Decoy) && user is not null;
        if (!ok)
        {
            logger.LogWarning("Dashboard login refused for user name {UserName} from {Address}", userName, address);
            var error = attempt.Remaining > 0 ? $"用户名或密码错误。还可尝试 {attempt.Remaining} 次。"
                : $"用户名或密码错误。失败次数已达上限，此账号在本地址 {LoginThrottle.Window.TotalMinutes:0} 分钟内不能再登录。";
            return LoginPage(returnUrl, userName, error, StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(userName, address);
        await http.SignInAsync(DashboardSetup.Scheme, await sessions.StartAsync(user!, http.RequestAborted));
        logger.LogInformation("Dashboard login of {UserName}", user!.UserName);
        return Results.Redirect(returnUrl);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<LoginPage> LoginPage(string returnUrl, string userName, string? error, int status = StatusCodes.Status200OK) =>
        View.Page<LoginPage>(new { ReturnUrl = returnUrl, UserName = userName, Error = error }, status);
}
