namespace Bot.Tests.Support;

/// <summary>One PostgreSQL cluster for the whole test run; each fixture takes a fresh database from it.</summary>
public static class TestPostgres
{
    private static readonly Lazy<PostgresCluster> Shared = new(() => PostgresCluster.Create(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static PostgresCluster Cluster => Shared.Value;

    public static string NewDatabase() => Shared.Value.CreateDatabase();

    internal static void DisposeIfStarted()
    {
        if (Shared.IsValueCreated) Shared.Value.Dispose();
    }
}
