using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>A person of the directory as the admin API shows it.</summary>
public sealed record PersonRecord(string UserId, string Name, string Department, string? Supervisor, string? Role, DateTimeOffset UpdatedAt);

/// <summary>One row of a people import: the role is not part of the file, so an import keeps each person's role.</summary>
public sealed record PersonImport(string UserId, string Name, string Department, string? Supervisor);

/// <summary>What a person is tied to: open duties (still awaited), rosters, and people they supervise.</summary>
public sealed record PersonTies(int OpenDuties, int Groups, int Supervised);

/// <summary>The people directory (通讯录): names, departments, supervisors and roles, edited by administrators.</summary>
public static class PeopleStore
{
    private const string Columns = "user_id AS UserId, name AS Name, department AS Department, supervisor AS Supervisor, role AS Role, updated_at AS UpdatedAt";

    public static Task<PersonRecord> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, string name, string department,
        string? supervisor, string? role, DateTimeOffset now, CancellationToken ct) =>
        connection.QuerySingleAsync<PersonRecord>(new CommandDefinition($"""
            INSERT INTO people (user_id, name, department, supervisor, role, updated_at) VALUES (@userId, @name, @department, @supervisor, @role, @now)
            ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, supervisor = EXCLUDED.supervisor,
                role = EXCLUDED.role, updated_at = EXCLUDED.updated_at
            RETURNING {Columns}
            """, new { userId, name, department, supervisor, role, now }, transaction, cancellationToken: ct));

    /// <summary>Writes every row in one statement; returns how many were written.</summary>
    public static Task<int> ImportAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PersonImport> rows, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO people (user_id, name, department, supervisor, updated_at)
            SELECT u, n, d, s, @now FROM unnest(@ids::text[], @names::text[], @departments::text[], @supervisors::text[]) AS r(u, n, d, s)
            ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, supervisor = EXCLUDED.supervisor,
                updated_at = EXCLUDED.updated_at
            """, new
        {
            ids = rows.Select(r => r.UserId).ToArray(),
            names = rows.Select(r => r.Name).ToArray(),
            departments = rows.Select(r => r.Department).ToArray(),
            supervisors = rows.Select(r => r.Supervisor).ToArray(),
            now,
        }, transaction, cancellationToken: ct));

    public static async Task<IReadOnlyList<PersonRecord>> ListAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<PersonRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM people ORDER BY department, name, user_id", cancellationToken: ct))).ToList();

    public static Task<PersonRecord?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string userId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<PersonRecord?>(new CommandDefinition(
            $"SELECT {Columns} FROM people WHERE user_id = @userId", new { userId }, transaction, cancellationToken: ct));

    /// <summary>What deleting a person would change: their duties still awaited, the rosters they are on, the people they supervise.</summary>
    public static Task<PersonTies> TiesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string userId, CancellationToken ct) =>
        connection.QuerySingleAsync<PersonTies>(new CommandDefinition($"""
            SELECT (SELECT count(*)::int FROM notice_duties d JOIN notices n ON n.id = d.notice_id WHERE d.user_id = @userId AND {PendingDuty}) AS OpenDuties,
                   (SELECT count(*)::int FROM group_members WHERE user_id = @userId) AS Groups,
                   (SELECT count(*)::int FROM people WHERE supervisor = @userId) AS Supervised
            """, new { userId }, transaction, cancellationToken: ct));

    /// <summary>
    /// Deletes a person and what would otherwise name them later: their duties still awaited in open notices (nobody
    /// reminds or reports someone who has left), their places on rosters, and their place as others' supervisor.
    /// </summary>
    public static async Task<PersonTies?> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, CancellationToken ct)
    {
        if (await GetAsync(connection, transaction, userId, ct) is null) return null;
        var ties = await TiesAsync(connection, transaction, userId, ct);
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM notice_duties d USING notices n WHERE n.id = d.notice_id AND d.user_id = @userId AND {PendingDuty};
            DELETE FROM group_members WHERE user_id = @userId;
            UPDATE people SET supervisor = NULL WHERE supervisor = @userId;
            DELETE FROM people WHERE user_id = @userId;
            """, new { userId }, transaction, cancellationToken: ct));
        return ties;
    }

    private const string PendingDuty = "n.stage IN ('Open', 'Reminded') AND d.replied_at IS NULL AND d.explained_at IS NULL AND d.escalated_at IS NULL";

    /// <summary>The directory names of <paramref name="userIds"/>; people not in the directory are absent.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(NpgsqlConnection connection, IEnumerable<string> userIds, CancellationToken ct) =>
        (await connection.QueryAsync<(string UserId, string Name)>(new CommandDefinition(
            "SELECT user_id, name FROM people WHERE user_id = ANY(@ids)", new { ids = userIds.Distinct().ToArray() }, cancellationToken: ct)))
        .ToDictionary(p => p.UserId, p => p.Name);
}
