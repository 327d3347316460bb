using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bot.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster made with the system's binaries on 127.0.0.1 and a free port, removed on dispose.
/// Tests own it, so outage tests can stop and start it. As root, the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;

    public int Port { get; }
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private PostgresCluster(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    /// <param name="durableCommits">
    /// Keep <c>synchronous_commit</c> on, as production must: a commit then returns only once its WAL is written, so a
    /// server stopped in mode immediate keeps every commit it acknowledged. Off (the default here, for speed) it may lose
    /// the last acknowledged commits, which an outage test would report as "answered 200 but not stored".
    /// </param>
    public static PostgresCluster Create(bool durableCommits = false)
    {
        var bin = Environment.GetEnvironmentVariable("PG_BIN") ?? FindBin();
        var dir = Path.Combine(Path.GetTempPath(), $"bot-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (IsRoot) Run("chown", $"postgres {dir}");
        var cluster = new PostgresCluster(bin, dir, FreePort());
        AsServerUser(Path.Combine(bin, "initdb"), $"-D {dir} -U postgres -A trust -E UTF8 --no-sync --locale=C.UTF-8");
        File.AppendAllText(Path.Combine(dir, "postgresql.conf"),
            $"fsync = off\nsynchronous_commit = {(durableCommits ? "on" : "off")}\nfull_page_writes = off\nmax_connections = 300\nshared_buffers = 128MB\n");
        cluster.Start();
        return cluster;
    }

    public void Start() =>
        AsServerUser(Path.Combine(_bin, "pg_ctl"), $"-D {_dataDir} -o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1\" -l {_dataDir}/server.log -w -t 30 start");

    /// <summary>Stops the server at once (mode immediate: connections are cut as in a crash).</summary>
    public void Stop() => AsServerUser(Path.Combine(_bin, "pg_ctl"), $"-D {_dataDir} -m immediate -w stop");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase(string prefix = "bot")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=50";
    }

    public void Dispose()
    {
        try { Stop(); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_dataDir, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void AsServerUser(string program, string arguments)
    {
        if (IsRoot) Run("runuser", $"-u postgres -- {program} {arguments}");
        else Run(program, arguments);
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} exited {process.ExitCode}: {stderr}{stdout.Result}");
    }

    private static string FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
              ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql; apt-get install postgresql")
            : throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql, or set PG_BIN");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
