using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bot.Host.WeCom.Archive;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Archive;

/// <summary>
/// The bot in process with the archive on, read from a stand-in SDK: callbacks in through <see cref="Bot"/>, archive
/// records through <see cref="Archive"/>, and the archive read when the test says (<see cref="PollAsync"/>), as the
/// timer and outbox workers are run when it says.
/// </summary>
public sealed class ArchiveBot : IAsyncDisposable
{
    private ArchiveBot(BotWithFakeWeCom bot, StandInArchive archive, bool ownsArchive)
    {
        Bot = bot;
        Archive = archive;
        _ownsArchive = ownsArchive;
    }

    private readonly bool _ownsArchive;

    public BotWithFakeWeCom Bot { get; }
    public StandInArchive Archive { get; }
    public DateTimeOffset Now => Bot.Now;
    public string ConnectionString => Bot.ConnectionString;

    /// <summary>Starts the bot on the archive (a new one unless given) and reads it once, which is when the archive counts as enabled.</summary>
    public static async Task<ArchiveBot> StartAsync(DateTimeOffset now, StandInArchive? archive = null, IReadOnlyDictionary<string, string?>? settings = null,
        string? connectionString = null, int[]? keyVersions = null)
    {
        var owns = archive is null;
        archive ??= new StandInArchive();
        var all = archive.Settings(keyVersions ?? []);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var bot = new ArchiveBot(await BotWithFakeWeCom.StartAsync(now, all, connectionString), archive, owns);
        await bot.PollAsync();
        return bot;
    }

    public ArchivePoller Poller => Bot.Factory.Services.GetRequiredService<ArchivePoller>();

    /// <summary>Reads the archive until it has no full page left, as the poller does when woken.</summary>
    public async Task<IReadOnlyList<ArchivePoll>> PollAsync()
    {
        var polls = new List<ArchivePoll>();
        do
        {
            polls.Add(await Poller.PollOnceAsync(CancellationToken.None));
        }
        while (polls[^1].More);
        return polls;
    }

    /// <summary>Moves the clock, reads the archive, then fires what is due and sends it.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Bot.Factory.Time.Advance(by);
        await PollAsync();
        await Bot.RunWorkersAsync();
    }

    /// <summary>The school office maps a group to its archive room (PUT /api/groups/{chatId}/archive); returns the status code.</summary>
    public async Task<int> MapAsync(string chatId, string? roomId, string channel)
    {
        using var response = await AdminAsync(HttpMethod.Put, $"/api/groups/{chatId}/archive", new { roomId, channel });
        return (int)response.StatusCode;
    }

    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BotFactory.Defaults["Admin:ApiKey"]);
        return await Bot.Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        if (_ownsArchive) Archive.Dispose();
    }
}
