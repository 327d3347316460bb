using System.Globalization;
using System.Net;
using Npgsql;

namespace Bot.LoadGen;

/// <summary>
/// <c>Bot.LoadGen --url http://127.0.0.1:PORT --db CONNSTR [--connections 64] [--duration 20] [--warmup 5] [--groups 2000]
/// [--token T --key K] [--report docs/benchmarks.md --command "…"]</c>: warms up, drives <c>/wecom/callback</c>, then
/// <c>/healthz</c>, with the same concurrency and duration; checks that the database holds exactly the callbacks
/// answered 200; prints the figures and appends them to the report. With <c>--notice-members N</c> it runs
/// <see cref="NoticeBurst"/> instead: one group of N members, a notice, and every member's reply at once.
/// </summary>
internal static class LoadGenMain
{
    public static async Task<int> Main(string[] args)
    {
        var options = Parse(args);
        var loadBefore = LoadAverage();
        var connections = int.Parse(options.GetValueOrDefault("connections", "64"), CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("duration", "20"), CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture));
        var groups = int.Parse(options.GetValueOrDefault("groups", "2000"), CultureInfo.InvariantCulture);
        var callbacks = new CallbackFactory(options.GetValueOrDefault("token", "xxx"), options.GetValueOrDefault("key", new string('x', 43)), groups);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options["url"]), Timeout = TimeSpan.FromSeconds(30) };
        var load = new LoadGenerator(http, connections);

        if (options.TryGetValue("notice-members", out var membersText))
        {
            var members = int.Parse(membersText, CultureInfo.InvariantCulture);
            var (burst, recorded) = await NoticeBurst.RunAsync(options["db"], load, callbacks, http, members);
            foreach (var line in burst) Console.WriteLine(line);
            if (options.TryGetValue("report", out var burstReport))
                await File.AppendAllLinesAsync(burstReport, [
                    "", "## Notice replies in one large group", "",
                    RunHeader(loadBefore) + "as above. " +
                    $"One group of {members:N0} members (seeded in the database) gets a notice from its owner through the callback; then every other member " +
                    $"replies 「我已知晓，马上照办！」 at once, {connections} in flight, each a signed and encrypted callback judged and committed before its 200.", "",
                    "Command (from the repository root):", "", "```sh", options.GetValueOrDefault("command", "scripts/bench-load.sh"), "```", "",
                    .. burst, ""]);
            return recorded ? 0 : 1;
        }

        Console.WriteLine($"warm-up: {warmup.TotalSeconds} s of callbacks and /healthz at {connections} connections");
        await load.RunAsync((w, s) => callbacks.Build("warm", w, s), warmup / 2);
        await load.RunAsync((_, _) => ("h", new HttpRequestMessage(HttpMethod.Get, "/healthz")), warmup / 2);

        Console.WriteLine($"measuring /wecom/callback for {duration.TotalSeconds} s");
        var callback = await load.RunAsync((w, s) => callbacks.Build("bench", w, s), duration);
        Console.WriteLine($"measuring /healthz for {duration.TotalSeconds} s");
        var bare = await load.RunAsync((_, _) => ("h", new HttpRequestMessage(HttpMethod.Get, "/healthz")), duration);

        long stored;
        await using (var connection = new NpgsqlConnection(options["db"]))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM inbound_messages WHERE dedupe_key LIKE 'bench-%' AND status = 'evaluated'", connection);
            stored = (long)(await count.ExecuteScalarAsync())!;
        }

        var ratio = callback.PerSecond / bare.PerSecond;
        var persisted = stored == callback.Ok;
        var lines = new[]
        {
            $"| endpoint | connections | duration | answered 200 | errors | requests/s | p50 | p99 |",
            $"|---|---|---|---|---|---|---|---|",
            Row("`POST /wecom/callback`", callback, connections, duration),
            Row("`GET /healthz` (ceiling)", bare, connections, duration),
        };
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Callbacks fully evaluated and committed: **{callback.PerSecond:N0}/s**, **{ratio:F3}×** the bare endpoint; p50 {callback.Percentile(0.5):F1} ms, " +
            $"p99 {callback.Percentile(0.99):F1} ms. Rows in `inbound_messages` (status evaluated) after the run: {stored:N0}; answered 200: {callback.Ok:N0} " +
            $"({(persisted ? "equal: every 200 was committed" : "NOT EQUAL")}). Goal: ≥ 0.25× with p99 ≤ 50 ms — " +
            $"{(ratio >= 0.25 && callback.Percentile(0.99) <= 50 ? "met" : "not met")}.");
        foreach (var line in lines) Console.WriteLine(line);
        Console.WriteLine(summary);

        if (options.TryGetValue("report", out var report))
        {
            var section = new List<string>
            {
                "", "## Callback endpoint load", "",
                RunHeader(loadBefore) + $".NET {Environment.Version}, " +
                "Release host with background workers on, `Logging__LogLevel__Default=Warning`, a fresh PostgreSQL cluster with its default durability " +
                "(fsync and synchronous_commit on), all on 127.0.0.1. The generator runs on the same machine and keeps one request in flight per " +
                $"connection; it pre-signs nothing, so its own AES and SHA-1 work competes with the host for the same cores. Each callback is a distinct " +
                $"validly signed and encrypted group message (msg ids `bench-*`, {groups:N0} groups of up to 97 members who join the roster with their first " +
                "post, so nearly every callback also adds a member), recorded, run through the rule pipeline and committed with its effects before the 200.", "",
                "Command (from the repository root):", "", "```sh", options.GetValueOrDefault("command", "scripts/bench-load.sh"), "```", "",
            };
            section.AddRange(lines);
            section.AddRange(["", summary, ""]);
            await File.AppendAllLinesAsync(report, section);
        }

        return persisted ? 0 : 1;
    }

    private static string Row(string name, LoadGenerator.Result r, int connections, TimeSpan duration) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {connections} | {duration.TotalSeconds:F0} s | {r.Ok:N0} | {r.Failed:N0} | {r.PerSecond:N0} | {r.Percentile(0.5):F1} ms | {r.Percentile(0.99):F1} ms |");

    /// <summary>When and on what a report's run happened (the real clock: a report records when it was measured).</summary>
    private static string RunHeader(string loadBefore) => string.Create(CultureInfo.InvariantCulture,
        $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores (load average before the run: {loadBefore}), ");

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        foreach (var required in new[] { "url", "db" })
            if (!options.ContainsKey(required))
                throw new ArgumentException($"--{required} is required: Bot.LoadGen --url http://127.0.0.1:PORT --db CONNECTIONSTRING");
        return options;
    }

    /// <summary>The 1-minute load average when the run started, so a reader can tell an idle machine from a busy one.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
