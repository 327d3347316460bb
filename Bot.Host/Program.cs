using Bot.Host.Admin;
using Bot.Host.Configuration;
using Bot.Host.Dashboard;
using Bot.Host.Health;
using Bot.Host.Sandbox;
using Bot.Host.Security;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Archive;

// `dotnet Bot.Host.dll hash-password <pw>` prints a hash for Admin:Users and exits.
if (PasswordHashCommand.TryRun(args, Console.Out)) return;

var builder = WebApplication.CreateBuilder(args);

// Secrets may also come as files named by their key (Docker secrets: /run/secrets/WeCom__Archive__PrivateKeys__1)
builder.Configuration.AddKeyPerFile("/run/secrets", optional: true);

// Storage: PostgreSQL, migrations applied at start-up
builder.Services.AddBotDatabase(builder.Configuration);

// WeCom callbacks: crypto per channel, parsing, recording
builder.Services.AddWeComCallbacks(builder.Configuration);

// Message archive: every group message through WeCom's SDK, when WeCom:Archive is configured
builder.Services.AddArchive(builder.Configuration);

// Rules: default policy, word lists, the pipeline
builder.Services.AddBotRules(builder.Configuration);

// Outbound: WeCom API client, outbox dispatcher, timers
builder.Services.AddOutbound(builder.Configuration);

// Administration: the admin API's key
builder.Services.AddAdmin(builder.Configuration);

// Dashboard: administrators' pages under /admin (server-side sessions, shared key ring, known proxies, antiforgery)
builder.Services.AddDashboard(builder.Configuration);

// Metrics: who may read /metrics
builder.Services.AddMetricsAccess(builder.Configuration);

// Sandbox: a chat page and a fake WeCom API in this host, only when Sandbox:Enabled
builder.Services.AddSandbox(builder.Configuration);

var app = builder.Build();

// Security: the client's real address and scheme from known proxies; security headers on every response
app.UseKnownProxies();
app.UseSecurityHeaders();

// Operations: liveness, readiness, Prometheus metrics (bounded labels; loopback, listed scrapers or the key)
app.MapHealth();
app.UseBoundedHttpMetrics();
app.MapMetricsEndpoint();

// WeCom: /wecom/callback (group robot), /wecom/aibot (智能机器人), /wecom/app (self-built app)
app.MapWeComCallbacks();

// Administration: JSON API for the dashboard and scripts
app.MapAdminApi();

// Dashboard: /admin, login at /admin/login
app.MapDashboard();

// Sandbox: /sandbox, and WeCom's /cgi-bin/* faked in-process (WeCom:ApiBaseUrl points here)
app.MapSandbox();

app.Run();

public partial class Program;
