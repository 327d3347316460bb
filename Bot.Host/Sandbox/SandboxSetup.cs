using Bot.Host.Dashboard;
using Bot.Host.FakeWeCom;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Archive;
using Microsoft.Extensions.Options;

namespace Bot.Host.Sandbox;

/// <summary>
/// The sandbox (<c>Sandbox:Enabled</c>): a chat page that plays WeCom towards the bot — it encrypts each message and
/// POSTs it to the real <c>/wecom/callback</c> — and a fake WeCom API in this same host that receives the bot's posts
/// and private messages (<c>WeCom:ApiBaseUrl</c> points here), shown back on the page.
/// </summary>
public static class SandboxSetup
{
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        if (!configuration.GetValue<bool>($"{SandboxOptions.Section}:Enabled")) return services;

        services.AddSingleton(sp =>
        {
            var wecom = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            // Accepts exactly the credentials the bot is configured with, so a wrong setting fails here as it would at WeCom.
            return new FakeWeComState(sp.GetRequiredService<TimeProvider>())
            {
                CorpId = wecom.CorpId,
                CorpSecret = wecom.App.Secret,
                AgentId = wecom.App.AgentId,
            };
        });
        services.AddSingleton<SandboxChat>();
        services.AddHttpClient(SandboxSender.ClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SandboxSender>();
        services.AddHostedService<SandboxSeeder>();

        // Without a real SDK, the sandbox plays the message archive too, with windows short enough to watch.
        if (string.IsNullOrWhiteSpace(configuration[$"{ArchiveOptions.Section}:SdkPath"]))
        {
            services.AddSingleton<SandboxArchive>();
            services.AddSingleton<IArchiveSource>(sp => sp.GetRequiredService<SandboxArchive>());
            services.PostConfigure<ArchiveOptions>(archive =>
            {
                archive.Simulated = true;
                archive.PollInterval = TimeSpan.FromSeconds(2);
                archive.Lag = TimeSpan.Zero;
                archive.MatchWindow = TimeSpan.FromSeconds(5);
            });
        }

        return services;
    }

    public static WebApplication MapSandbox(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled) return app;

        app.MapFakeWeComApi(app.Services.GetRequiredService<FakeWeComState>());
        app.MapGet("/sandbox/sandbox.js", () => Assets.Script("Bot.Host.Sandbox.sandbox.js"));
        SandboxEndpoints.Map(app);
        return app;
    }
}
