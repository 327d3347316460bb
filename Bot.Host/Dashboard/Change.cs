using Bot.Storage;
using Npgsql;

namespace Bot.Host.Dashboard;

/// <summary>
/// Every change made from the dashboard: applied and audited in one transaction, with the signed-in administrator as
/// the actor, so the audit log cannot miss a change nor record one that did not happen.
/// </summary>
public static class Change
{
    public static string Actor(HttpContext http) => $"dashboard:{http.User.Identity?.Name}";

    public static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public static async Task<T> RunAsync<T>(HttpContext http, string action, string subject, Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<(T Result, object? Detail)>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ct = http.RequestAborted;
        var now = Now(http);
        await using var connection = await http.RequestServices.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (result, detail) = await change(connection, transaction, now);
        // No detail: nothing was changed (a missing subject), so nothing is audited or committed.
        if (detail is null) return result;
        await AuditStore.WriteAsync(connection, transaction, now, Actor(http), action, subject, detail, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public static Task RunAsync(HttpContext http, string action, string subject, object detail, Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task> change) =>
        RunAsync(http, action, subject, async (connection, transaction, now) =>
        {
            await change(connection, transaction, now);
            return (true, (object?)detail);
        });
}
