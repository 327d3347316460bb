using Bot.Rules.Moderation;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Rules;

/// <summary>
/// The banned-content scanner of the moment. Each message reads the word lists' version (one tiny query in its
/// transaction); when it moved, the matcher is rebuilt from the database, so a word added by an administrator flags
/// the very next message on every replica, without a restart.
/// </summary>
public sealed class ContentScanners(ILogger<ContentScanners> logger) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Snapshot? _current;

    private sealed record Snapshot(long Version, ContentScanner Scanner);

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
            var banned = rows.Where(r => r.Category != WordListStore.AllowCategory && BannedCategories.TryParseKey(r.Category, out _))
                .Select(r => new WordEntry(r.Pattern, BannedCategories.ParseKey(r.Category), Enum.Parse<WordKind>(r.Kind, ignoreCase: true)));
            var allowed = rows.Where(r => r.Category == WordListStore.AllowCategory).Select(r => r.Pattern);
            var scanner = new ContentScanner(WordMatcher.Build(banned, allowed));
            _current = new Snapshot(version, scanner);
            logger.LogInformation("Word lists loaded: version {Version}, {Count} entries", version, rows.Count);
            return scanner;
        }
        finally
        {
            _rebuild.Release();
        }
    }
}
