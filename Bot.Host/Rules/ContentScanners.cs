using Bot.Host.Health;
using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Rules;

/// <summary>A stored entry the matcher cannot use.</summary>
public sealed record BadWordRow(long Id, string Category, string Pattern, WordProblem Problem)
{
    public override string ToString() => $"entry {Id} ({Category}) {Problem.English}";
}

/// <summary>Word lists that could not be built: which version, since when, which older version still judges, and why.</summary>
public sealed record WordListFailure(long Version, long? ServingVersion, DateTimeOffset Since, IReadOnlyList<BadWordRow> Problems);

/// <summary>
/// The banned-content scanner of the moment. Each message reads the word lists' version (one tiny query in its
/// transaction); when it moved, the matcher is rebuilt from the database, so a word added by an administrator flags
/// the very next message on every replica, without a restart.
/// </summary>
/// <remarks>
/// Judging never stops for a bad list. Every row is checked by <see cref="WordEntryRules"/> as it is loaded; when one
/// is refused (a regex written into the table by hand, say) the last good matcher stays in service, the failure is
/// counted on <c>/metrics</c> and shown on the dashboard's overview, and the version is not tried again until it moves.
/// With no good matcher yet (a host starting on a bad list), the good rows are built without the bad ones.
/// </remarks>
public sealed class ContentScanners(TimeProvider time, ILogger<ContentScanners> logger) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Snapshot? _current;

    /// <param name="Version">The lists' version this snapshot answers for (built from it, or kept when it failed).</param>
    /// <param name="BuiltFrom">The version the scanner was built from.</param>
    private sealed record Snapshot(long Version, long BuiltFrom, ContentScanner Scanner, WordListFailure? Failure);

    /// <summary>Why the newest lists are not in service, or null when they are.</summary>
    public WordListFailure? Failure => _current?.Failure;

    public void Dispose() => _rebuild.Dispose();

    public async Task<IContentScanner> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var version = await WordListStore.VersionAsync(connection, transaction, ct);
        if (_current is { } snapshot && snapshot.Version == version) return snapshot.Scanner;

        await _rebuild.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && fresh.Version == version) return fresh.Scanner;
            var rows = await WordListStore.ListAsync(connection, transaction, null, ct);
            _current = Build(version, rows, _current);
            return _current.Scanner;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private Snapshot Build(long version, IReadOnlyList<WordRow> rows, Snapshot? lastGood)
    {
        var banned = new List<WordEntry>();
        var allowed = new List<string>();
        var problems = new List<BadWordRow>();
        foreach (var row in rows)
        {
            var allow = row.Category == WordListStore.AllowCategory;
            var kind = WordListEdits.ParseKind(row.Kind);
            BannedCategory category = default;
            var problem = kind is null ? new WordProblem($"kind '{row.Kind}' is unknown", $"类型「{row.Kind}」未知")
                : !allow && !BannedCategories.TryParseKey(row.Category, out category) ? new WordProblem($"category '{row.Category}' is unknown", $"类别「{row.Category}」未知")
                : WordEntryRules.Check(row.Pattern, kind.Value, allow);
            if (problem is not null) problems.Add(new BadWordRow(row.Id, row.Category, row.Pattern, problem));
            else if (allow) allowed.Add(row.Pattern);
            else banned.Add(new WordEntry(row.Pattern, category, kind!.Value));
        }

        string? failed = null;
        if (problems.Count == 0 && TryBuild(banned, allowed, out var matcher, out failed))
        {
            logger.LogInformation("Word lists loaded: version {Version}, {Count} entries", version, rows.Count);
            BotMetrics.WordListsStale.Set(0);
            return new Snapshot(version, version, new ContentScanner(matcher), null);
        }
        if (failed is not null) problems.Add(new BadWordRow(0, "", "", new WordProblem(failed, $"词库无法构建：{failed}")));

        BotMetrics.WordListBuildFailures.Inc();
        BotMetrics.WordListsStale.Set(1);
        var since = lastGood?.Failure?.Since ?? time.GetUtcNow();
        if (lastGood is not null)
        {
            logger.LogError("Word lists version {Version} refused, still judging with version {Serving}: {Problems}",
                version, lastGood.BuiltFrom, string.Join("; ", problems));
            return lastGood with { Version = version, Failure = new WordListFailure(version, lastGood.BuiltFrom, since, problems) };
        }
        logger.LogError("Word lists version {Version} refused, judging with its {Good} good entries: {Problems}",
            version, banned.Count + allowed.Count, string.Join("; ", problems));
        var partial = failed is null && TryBuild(banned, allowed, out var good, out _) ? good : WordMatcher.Build([], []);
        return new Snapshot(version, version, new ContentScanner(partial), new WordListFailure(version, null, since, problems));
    }

    // Entries that pass WordEntryRules build; this is the net under that promise, so that judging goes on regardless.
    private static bool TryBuild(List<WordEntry> banned, List<string> allowed, out WordMatcher matcher, out string? failure)
    {
        try
        {
            matcher = WordMatcher.Build(banned, allowed);
            failure = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            matcher = null!;
            failure = ex.Message;
            return false;
        }
    }
}
