using Bot.Tests.Support;

namespace Bot.Tests;

/// <summary>Removes the run's PostgreSQL cluster after the last test.</summary>
[SetUpFixture]
public sealed class RunLifetime
{
    [OneTimeTearDown]
    public void RemoveCluster() => TestPostgres.DisposeIfStarted();
}
