using Bot.Host.FakeWeCom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>The fake WeCom API on a real Kestrel socket at 127.0.0.1 and a free port, so clients go through real HTTP.</summary>
public sealed class FakeWeComServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeWeComServer(WebApplication app, FakeWeComState state, Uri baseUri)
    {
        _app = app;
        State = state;
        BaseUri = baseUri;
    }

    public FakeWeComState State { get; }

    /// <summary>Where the fake listens, e.g. http://127.0.0.1:54321/ — the value for <c>WeCom:ApiBaseUrl</c>.</summary>
    public Uri BaseUri { get; }

    public static async Task<FakeWeComServer> StartAsync(FakeWeComState? state = null)
    {
        state ??= new FakeWeComState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapFakeWeComApi(state);
        await app.StartAsync();
        return new FakeWeComServer(app, state, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
