using Bot.Rules.Policy;
using Bot.Rules.State;
using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// Lock first, then read: a deadline or an administrator's action about a notice or a rectification takes the group's
/// lock (the one its messages are judged under) before it reads the subject and the group, so a reply that commits
/// while it waits for the lock is in what it reads. Only the subject's group and person, which never change, are read
/// before the lock, to know which lock to take.
/// </summary>
public static class LockedReads
{
    /// <summary>The notice and its group's state, read under the group's lock; null when the notice does not exist.</summary>
    public static async Task<(NoticeState Notice, GroupState State)?> NoticeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        long id, GroupPolicy defaults, DateTimeOffset now, CancellationToken ct)
    {
        if (await SubjectAsync(connection, transaction, "SELECT chat_id, issuer_id FROM notices WHERE id = @id", id, ct) is not { } found) return null;
        var state = await GroupStateStore.LoadAsync(connection, transaction, found.ChatId, found.UserId, defaults, now, ct, lockGroup: true);
        return (await NoticeStore.LoadAsync(connection, transaction, id, ct) ?? throw Vanished("notice", id), state);
    }

    /// <summary>The rectification and its group's state, read under the group's lock; null when it does not exist.</summary>
    public static async Task<(RectificationState Rectification, GroupState State)?> RectificationAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, long id, GroupPolicy defaults, DateTimeOffset now, CancellationToken ct)
    {
        if (await SubjectAsync(connection, transaction, "SELECT chat_id, member_id FROM rectifications WHERE id = @id", id, ct) is not { } found) return null;
        var state = await GroupStateStore.LoadAsync(connection, transaction, found.ChatId, found.UserId, defaults, now, ct, lockGroup: true);
        return (await RectificationStore.LoadAsync(connection, transaction, id, ct) ?? throw Vanished("rectification", id), state);
    }

    private static async Task<(string ChatId, string UserId)?> SubjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string sql, long id, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<(string ChatId, string UserId)>(new CommandDefinition(sql, new { id }, transaction, cancellationToken: ct))).ToList();
        return rows.Count == 0 ? null : rows[0];
    }

    // Notices and rectifications are never deleted; one that disappears between two reads is a fault, not a case.
    private static InvalidOperationException Vanished(string what, long id) => new($"{what} {id} disappeared while its group was being locked");
}
