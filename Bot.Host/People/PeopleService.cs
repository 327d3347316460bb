using Bot.Storage;
using Npgsql;

namespace Bot.Host.People;

/// <summary>What an import came to: how many people were written, or every bad line (and then none was).</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// The people directory (通讯录), for the admin API and the dashboard alike: one validation, one write, one audit entry
/// per change, in one transaction each. <paramref name="time"/> dates every change.
/// </summary>
public sealed class PeopleService(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>Creates or updates a person; with <paramref name="keepRole"/> their role stays as it is (a form without the role).</summary>
    public async Task<Saved<PersonRecord>> SaveAsync(PersonFields person, bool keepRole, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (PersonRules.Check(person) is { Count: > 0 } problems) return new Saved<PersonRecord>(null, problems);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var saved = await SaveAsync(connection, transaction, person, keepRole, actor, now, ct);
        await transaction.CommitAsync(ct);
        return Saved.Done(saved);
    }

    /// <summary>Writes and audits a checked person in the caller's transaction (a member added to a group is saved so too).</summary>
    internal static async Task<PersonRecord> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PersonFields person, bool keepRole,
        string actor, DateTimeOffset now, CancellationToken ct)
    {
        var role = keepRole ? (await PeopleStore.GetAsync(connection, transaction, person.UserId, ct))?.Role : person.Role;
        var saved = await PeopleStore.UpsertAsync(connection, transaction, person.UserId, person.Name, person.Department, person.Supervisor, role, now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "person.saved", $"person:{person.UserId}",
            new { saved.Name, saved.Department, saved.Supervisor, saved.Role }, ct);
        return saved;
    }

    /// <summary>What deleting <paramref name="userId"/> would change, for the question that confirms it; null when unknown.</summary>
    public async Task<PersonTies?> TiesAsync(string userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await PeopleStore.GetAsync(connection, null, userId, ct) is null ? null : await PeopleStore.TiesAsync(connection, null, userId, ct);
    }

    /// <summary>Deletes a person (see <see cref="PeopleStore.DeleteAsync"/>); null when there was nobody to delete.</summary>
    public async Task<PersonTies?> DeleteAsync(string userId, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await PeopleStore.DeleteAsync(connection, transaction, userId, ct) is not { } ties) return null;
        await AuditStore.WriteAsync(connection, transaction, now, actor, "person.deleted", $"person:{userId}", ties, ct);
        await transaction.CommitAsync(ct);
        return ties;
    }

    /// <summary>A CSV of people, all or nothing: a file with one bad line writes nobody, and says what is wrong with every line.</summary>
    public async Task<ImportResult> ImportAsync(string csv, string actor, CancellationToken ct)
    {
        var (rows, errors) = PeopleCsv.Read(csv);
        if (errors.Count > 0) return new ImportResult(0, errors);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var supervisors = rows.Select(r => r.Person.Supervisor).OfType<string>().ToList();
        var unknown = PeopleCsv.UnknownSupervisors(rows, await DirectoryQueries.KnownPeopleAsync(connection, transaction, supervisors, ct));
        if (unknown.Count > 0) return new ImportResult(0, unknown);
        var imported = await PeopleStore.ImportAsync(connection, transaction,
            [.. rows.Select(r => new PersonImport(r.Person.UserId, r.Person.Name, r.Person.Department, r.Person.Supervisor))], now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "people.imported", "people",
            new { count = imported, userIds = rows.Select(r => r.Person.UserId).Take(200) }, ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(imported, []);
    }
}
