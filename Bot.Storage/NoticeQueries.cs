using Dapper;
using Npgsql;

namespace Bot.Storage;

/// <summary>Which notices a search asks for; every part is optional. Instants are bounds on the posting time.</summary>
public sealed record NoticeFilter(DateTimeOffset? From = null, DateTimeOffset? Until = null, string? ChatId = null, string? IssuerId = null,
    string? Stage = null, string? Text = null);

/// <summary>A notice with every asked member's duty, as a report or an export reads it (with the instants the rules do not need).</summary>
public sealed class NoticeRecord
{
    public long Id { get; init; }
    public string ChatId { get; init; } = "";
    public string GroupName { get; init; } = "";
    public string IssuerId { get; init; } = "";
    public string IssuerName { get; init; } = "";
    public string Text { get; init; } = "";
    public string Phrase { get; init; } = "";
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset ReplyDeadline { get; init; }
    public DateTimeOffset? RemindedAt { get; init; }
    public DateTimeOffset? ExplanationDeadline { get; init; }
    public string Stage { get; init; } = "";
    public DateTimeOffset? ClosedAt { get; init; }
    public IReadOnlyList<DutyRecord> Duties { get; set; } = [];
}

public sealed class DutyRecord
{
    public long NoticeId { get; init; }
    public string UserId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Department { get; init; } = "";
    public DateTimeOffset? RepliedAt { get; init; }
    public bool Late { get; init; }
    public DateTimeOffset? ExplainedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
}

/// <summary>A member's message in a group, with the verdicts the rules gave it (as stored: JSON).</summary>
public sealed record MemberMessage(long Id, string SenderId, string Text, DateTimeOffset ReceivedAt, string Verdicts);

/// <summary>The notices' history: searched, one notice whole, and what members said while it was open.</summary>
public static class NoticeQueries
{
    private const string Columns = """
        n.id AS Id, n.chat_id AS ChatId, coalesce(nullif(g.name, ''), n.chat_id) AS GroupName, n.issuer_id AS IssuerId,
        coalesce(nullif(p.name, ''), n.issuer_id) AS IssuerName, n.text AS Text, n.phrase AS Phrase, n.posted_at AS PostedAt,
        n.reply_deadline AS ReplyDeadline, n.reminded_at AS RemindedAt, n.explanation_deadline AS ExplanationDeadline, n.stage AS Stage,
        n.closed_at AS ClosedAt
        """;

    private const string From = "FROM notices n LEFT JOIN groups g ON g.chat_id = n.chat_id LEFT JOIN people p ON p.user_id = n.issuer_id";

    // Each filter is off when its parameter is null; the text is searched as written (no pattern characters).
    private const string Where = """
        WHERE (@from::timestamptz IS NULL OR n.posted_at >= @from) AND (@until::timestamptz IS NULL OR n.posted_at < @until)
          AND (@chatId::text IS NULL OR n.chat_id = @chatId) AND (@issuerId::text IS NULL OR n.issuer_id = @issuerId)
          AND (@stage::text IS NULL OR n.stage = @stage) AND (@text::text IS NULL OR strpos(n.text, @text) > 0)
        """;

    /// <summary>The notices the filter finds, newest first, with their duties; and how many it finds in all.</summary>
    public static async Task<(IReadOnlyList<NoticeRecord> Notices, int Total)> SearchAsync(NpgsqlDataSource dataSource, NoticeFilter filter, int limit,
        int offset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var args = Args(filter, limit, offset);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*)::int {From} {Where}", args, cancellationToken: ct));
        var notices = (await connection.QueryAsync<NoticeRecord>(new CommandDefinition(
            $"SELECT {Columns} {From} {Where} ORDER BY n.posted_at DESC, n.id DESC LIMIT @limit OFFSET @offset", args, cancellationToken: ct))).ToList();
        await WithDutiesAsync(connection, notices, ct);
        return (notices, total);
    }

    public static async Task<NoticeRecord?> GetAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var notice = await connection.QuerySingleOrDefaultAsync<NoticeRecord>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE n.id = @id", new { id }, cancellationToken: ct));
        if (notice is not null) await WithDutiesAsync(connection, [notice], ct);
        return notice;
    }

    /// <summary>Everyone who ever issued a notice, by name, for the search form.</summary>
    public static async Task<IReadOnlyList<(string UserId, string Name)>> IssuersAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(string, string)>(new CommandDefinition("""
            SELECT i.issuer_id, coalesce(nullif(p.name, ''), i.issuer_id) FROM (SELECT DISTINCT issuer_id FROM notices) i
            LEFT JOIN people p ON p.user_id = i.issuer_id ORDER BY 2, 1
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>What the given members posted in the group between the two instants, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<MemberMessage>> MessagesAsync(NpgsqlDataSource dataSource, string chatId, IReadOnlyList<string> members,
        DateTimeOffset from, DateTimeOffset until, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<MemberMessage>(new CommandDefinition("""
            SELECT id AS Id, sender_id AS SenderId, text AS Text, received_at AS ReceivedAt, verdicts::text AS Verdicts
            FROM inbound_messages
            WHERE chat_id = @chatId AND sender_id = ANY(@members) AND received_at > @from AND received_at <= @until AND status = 'evaluated'
            ORDER BY received_at, id LIMIT @limit
            """, new { chatId, members = members.ToArray(), from = from.ToUniversalTime(), until = until.ToUniversalTime(), limit }, cancellationToken: ct))).ToList();
    }

    private static object Args(NoticeFilter f, int limit, int offset) => new
    {
        from = f.From?.ToUniversalTime(), until = f.Until?.ToUniversalTime(), f.ChatId, f.IssuerId, f.Stage, f.Text, limit, offset,
    };

    private static async Task WithDutiesAsync(NpgsqlConnection connection, List<NoticeRecord> notices, CancellationToken ct)
    {
        if (notices.Count == 0) return;
        var duties = (await connection.QueryAsync<DutyRecord>(new CommandDefinition("""
            SELECT d.notice_id AS NoticeId, d.user_id AS UserId, coalesce(nullif(p.name, ''), d.user_id) AS Name, coalesce(p.department, '') AS Department,
                   d.replied_at AS RepliedAt, d.late AS Late, d.explained_at AS ExplainedAt, d.escalated_at AS EscalatedAt
            FROM notice_duties d LEFT JOIN people p ON p.user_id = d.user_id
            WHERE d.notice_id = ANY(@ids) ORDER BY d.notice_id, d.position
            """, new { ids = notices.Select(n => n.Id).ToArray() }, cancellationToken: ct))).ToLookup(d => d.NoticeId);
        foreach (var notice in notices) notice.Duties = [.. duties[notice.Id]];
    }
}
