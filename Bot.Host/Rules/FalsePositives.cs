using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Rules;

/// <summary>What a 「误判」 did, or why it did nothing.</summary>
public abstract record Dismissal
{
    /// <param name="Suggestions">Phrases of the message that, on the allow-list, would let it pass next time.</param>
    public sealed record Done(long Id, bool StrikeRemoved, string? AllowAdded, IReadOnlyList<string> Suggestions) : Dismissal;

    public sealed record NotFound : Dismissal;

    public sealed record AlreadyDismissed(DateTimeOffset At) : Dismissal;

    public sealed record Refused(string Field, WordProblem Problem) : Dismissal;
}

/// <summary>A violation and its message, for the 「误判」 form: what was found, and what the allow-list could take.</summary>
public sealed record DismissalView(ViolationWithMessage Violation, IReadOnlyList<string> Suggestions);

/// <summary>
/// 「误判」, for the admin API and the dashboard alike: a false flag is cheap to undo. The violation stays on record but its
/// strike is removed, who and why go into the audit log, and the phrase of the message that was misread can go onto
/// the allow-list in the same transaction, so the same sentence passes next time.
/// </summary>
public static class FalsePositives
{
    public const int MaxReason = 500;

    public static async Task<DismissalView?> ViewAsync(NpgsqlDataSource dataSource, ContentScanners scanners, long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await ViolationDismissals.GetForUpdateAsync(connection, null, id, ct) is not { } violation) return null;
        var scanner = await scanners.CurrentAsync(connection, null, ct);
        return new DismissalView(violation, Suggest(violation.Text, scanner));
    }

    public static async Task<Dismissal> DismissAsync(NpgsqlDataSource dataSource, ContentScanners scanners, DateTimeOffset now, string actor,
        long id, string? reason, string? allow, CancellationToken ct)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0) return new Dismissal.Refused("reason", new WordProblem("is required: say why the finding was wrong", "请写明误判的原因"));
        if (reason.Length > MaxReason) return new Dismissal.Refused("reason", new WordProblem($"must be at most {MaxReason} characters", $"原因最多 {MaxReason} 个字"));
        allow = string.IsNullOrWhiteSpace(allow) ? null : allow.Trim();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await ViolationDismissals.GetForUpdateAsync(connection, transaction, id, ct) is not { } violation) return new Dismissal.NotFound();
        if (violation.DismissedAt is { } at) return new Dismissal.AlreadyDismissed(at);
        var scanner = await scanners.CurrentAsync(connection, transaction, ct);
        if (allow is not null && AllowProblem(allow, violation.Text, scanner) is { } problem) return new Dismissal.Refused("allow", problem);

        var strikeRemoved = await ViolationDismissals.DismissAsync(connection, transaction, violation, actor, reason, now, ct);
        await AuditStore.WriteAsync(connection, transaction, now, actor, "violation.dismiss", $"violation:{id}",
            new { violation.ChatId, violation.UserId, violation.Category, reason, strikeRemoved, allow }, ct);
        if (allow is not null && await WordListStore.AddAsync(connection, transaction, WordListStore.AllowCategory, [(allow, "plain")], now, ct) > 0)
            await AuditStore.WriteAsync(connection, transaction, now, actor, "word.add", $"words:{WordListStore.AllowCategory}",
                new { category = WordListStore.AllowCategory, pattern = allow, kind = "plain", violation = id }, ct);
        await transaction.CommitAsync(ct);
        return new Dismissal.Done(id, strikeRemoved, allow, allow is null ? Suggest(violation.Text, scanner) : []);
    }

    /// <summary>
    /// The words found in the message, each with a character of context on either side where the text has one
    /// (「爱心」 around 「做爱」 gives 「做爱心」): on the allow-list such a phrase lets this sentence pass and leaves the
    /// word banned everywhere else. A finding that is a whole word of its own (or a phone number) has no such phrase.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string? text, IContentScanner scanner)
    {
        if (string.IsNullOrEmpty(text)) return [];
        return ContentJudgement.Of(scanner, text).Hits.Where(h => !h.Concrete).Select(h =>
        {
            var start = h.Start > 0 && IsWordChar(text[h.Start - 1]) ? h.Start - 1 : h.Start;
            var end = h.End < text.Length && IsWordChar(text[h.End]) ? h.End + 1 : h.End;
            return (start, end) == (h.Start, h.End) ? null : text[start..end];
        }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool IsWordChar(char c) => !TextNormalizer.IsIgnorable(c) && !char.IsDigit(c);

    private static WordProblem? AllowProblem(string allow, string? text, IContentScanner scanner)
    {
        if (WordEntryRules.Check(allow, WordKind.Plain, allowList: true) is { } problem) return problem;
        if (text is null || !TextNormalizer.Normalize(text).Contains(TextNormalizer.Normalize(allow), StringComparison.Ordinal))
            return new WordProblem("must be a phrase of the flagged message", "白名单词语须出自这条消息");
        if (scanner.Scan(allow).Any(h => h.Start == 0 && h.End == allow.Length))
            return new WordProblem("is a banned word itself: allowing it would let it through everywhere; add a character of context",
                "本身就是违禁词，加入白名单会让它在所有消息中失效；请连同前后一两个字一起加入");
        return null;
    }
}
