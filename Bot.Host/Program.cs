using Bot.Host.Admin;
using Bot.Host.Configuration;
using Bot.Host.Health;
using Bot.Host.WeCom;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);

// Storage: PostgreSQL, migrations applied at start-up
builder.Services.AddBotDatabase(builder.Configuration);

// WeCom callbacks: crypto per channel, parsing, recording
builder.Services.AddWeComCallbacks(builder.Configuration);

// Rules: default policy, word lists, the pipeline
builder.Services.AddBotRules(builder.Configuration);

// Outbound: WeCom API client, outbox dispatcher, timers
builder.Services.AddOutbound(builder.Configuration);

// Administration: the admin API's key (and the dashboard's users)
builder.Services.AddAdmin(builder.Configuration);

var app = builder.Build();

// Operations: liveness, readiness, Prometheus metrics
app.MapHealth();
app.UseHttpMetrics();
app.MapMetrics();

// WeCom: /wecom/callback (group robot), /wecom/aibot (智能机器人), /wecom/app (self-built app)
app.MapWeComCallbacks();

// Administration: JSON API for the dashboard and scripts
app.MapAdminApi();

app.Run();

public partial class Program;
