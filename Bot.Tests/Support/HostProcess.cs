using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bot.Tests.Support;

/// <summary>
/// The built host as a separate OS process (<c>dotnet Bot.Host.dll</c>), configured by environment variables, listening on
/// 127.0.0.1. It can be killed with SIGKILL (no shutdown code runs, as in a power cut) and its output read afterwards.
/// The test project references Bot.Host, so the host's dll, deps, runtimeconfig and appsettings.json are in the test's
/// own output directory in every configuration (Debug locally, Release in CI).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private readonly string? _ownSpool;

    private HostProcess(Process process, ConcurrentQueue<string> output, int port, string? ownSpool)
    {
        _process = process;
        _output = output;
        _ownSpool = ownSpool;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }
    public Uri BaseUri { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    public static string HostDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException(
                    $"Bot.Host.dll is not next to the test assembly in {AppContext.BaseDirectory}: build Bot.Tests (it references Bot.Host) before running the process tests.", dll);
        }
    }

    /// <summary>
    /// Starts the host with the test credentials of <see cref="BotFactory.Defaults"/>, <paramref name="connectionString"/>
    /// and <paramref name="settings"/> (configuration keys with ':'; they win), and waits until <c>/readyz</c> answers 200.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings,
        int? port = null, TimeSpan? readyWithin = null)
    {
        var host = Launch(connectionString, settings, port);
        await host.WaitReadyAsync(readyWithin ?? TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Starts the host like <see cref="StartAsync"/> but returns at once, so a test can act while it starts.</summary>
    public static HostProcess Launch(string connectionString, IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        var dll = HostDll;
        var chosenPort = port ?? PostgresCluster.FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{chosenPort}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(dll)!);

        // Nothing of the test runner's environment that would change the host's behaviour.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || (k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT")).ToList())
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Bot"] = connectionString;
        var merged = new Dictionary<string, string?>(BotFactory.Defaults);
        foreach (var (key, value) in settings) merged[key] = value;
        // Its own spool unless the test gives one (a restart on the same disk is given the same directory).
        var ownSpool = settings.ContainsKey("Spool:Directory") ? null : Path.Combine(Path.GetTempPath(), $"bot-test-spool-{Guid.NewGuid():N}");
        if (ownSpool is not null) merged["Spool:Directory"] = ownSpool;
        foreach (var (key, value) in merged) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        if (!process.Start()) throw new InvalidOperationException("dotnet did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new HostProcess(process, output, chosenPort, ownSpool);
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; kills the host and throws with its output if it does not in time.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < within)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it starts.
            }

            await Task.Delay(100);
        }

        Kill();
        throw new TimeoutException($"the host was not ready within {within}:\n{Output}");
    }

    /// <summary>SIGKILL: the process and its children end at once, with no shutdown code.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
        if (_ownSpool is not null && Directory.Exists(_ownSpool)) Directory.Delete(_ownSpool, recursive: true);
    }
}
