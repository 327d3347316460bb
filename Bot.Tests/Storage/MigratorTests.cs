using Bot.Storage;
using Bot.Tests.Support;
using Npgsql;

namespace Bot.Tests.Storage;

public class MigratorTests
{
    [Test]
    public async Task Concurrent_starts_apply_each_migration_once()
    {
        var connectionString = TestPostgres.NewDatabase();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);

        var applied = await Task.WhenAll(new Migrator(first).ApplyAsync(CancellationToken.None), new Migrator(second).ApplyAsync(CancellationToken.None));

        Assert.That(applied.Sum(), Is.EqualTo(Migrator.Embedded().Count));
        Assert.That(await Db.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"), Is.EqualTo(Migrator.Embedded().Count));
        Assert.That(await new Migrator(first).IsUpToDateAsync(CancellationToken.None), Is.True);
    }

    [Test]
    public async Task An_empty_database_is_not_ready()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.NewDatabase());
        Assert.That(async () => await new Migrator(dataSource).IsUpToDateAsync(CancellationToken.None), Throws.InstanceOf<PostgresException>());
    }
}
