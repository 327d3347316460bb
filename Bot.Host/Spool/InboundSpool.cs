using Bot.Host.Health;
using Bot.Host.Inbound;
using Microsoft.Win32.SafeHandles;

namespace Bot.Host.Spool;

/// <summary>The callbacks of a spool read for replay, and how far the reading got (damaged records are stepped over).</summary>
public sealed record SpoolChunk(IReadOnlyList<InboundItem> Items, int Consumed, long End);

/// <summary>
/// This host's journal of callbacks taken while the database was out: one file, records appended in arrival order (see
/// <see cref="SpoolRecord"/>), each batch on disk (fsync) before its callbacks are answered 200, bounded by
/// <c>Spool:MaxBytes</c>. The replayer reads it from the front and empties it only once everything in it is committed,
/// so a crash at any point leaves every answered callback either in the database or still in the file (replaying one
/// twice is harmless: the msg id dedupes it).
/// <para>
/// The file is held with an exclusive lock, so two processes never share one. At start-up a torn tail (a crash in the
/// middle of an append: never answered 200, so WeCom retries it) is cut off with a log line, and the spool files of
/// hosts that are gone (same directory, other name, not locked) are taken over.
/// </para>
/// </summary>
public sealed partial class InboundSpool : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly ILogger _logger;
    // One append (with its fsync) or truncation at a time; readers need only the counters.
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _gate = new();
    private long _length;
    private int _records;
    private long _replayedTo;
    private int _replayed;
    private bool _full;

    private InboundSpool(string host, string path, SafeFileHandle file, long maxBytes, ILogger logger)
    {
        Host = host;
        FilePath = path;
        MaxBytes = maxBytes;
        _file = file;
        _logger = logger;
    }

    /// <summary>The host this spool belongs to (its file is named after it).</summary>
    public string Host { get; }
    public string FilePath { get; }
    public long MaxBytes { get; }

    /// <summary>Whether anything waits in the spool: while it does, new callbacks queue behind it, to keep each group's order.</summary>
    public bool HasRecords
    {
        get { lock (_gate) return _length > 0; }
    }

    /// <summary>Whether a callback was refused for lack of room since the spool was last emptied.</summary>
    public bool IsFull
    {
        get { lock (_gate) return _full; }
    }

    /// <summary>Callbacks not yet replayed, and the file's size.</summary>
    public (int Records, long Bytes) Depth
    {
        get { lock (_gate) return (_records - _replayed, _length); }
    }

    /// <summary>
    /// Opens (creating it if needed) this host's spool file <c>{host}.spool</c> in <paramref name="directory"/>, cuts off a
    /// torn tail, and takes over the records of other hosts' files left in the directory.
    /// </summary>
    public static InboundSpool Open(string directory, string host, long maxBytes, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, host + ".spool");
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"the spool file {path} is in use by another process: give each host its own Spool:Directory ({ex.Message})", ex);
        }

        var spool = new InboundSpool(host, path, file, maxBytes, logger);
        spool.Recover();
        spool.AdoptOrphans(directory);
        spool.Publish();
        return spool;
    }

    /// <summary>Appends the callbacks in order and returns once they are on disk; refuses them all when they do not fit.</summary>
    public async Task<IReadOnlyList<ProcessOutcome>> AppendAsync(IReadOnlyList<InboundItem> items)
    {
        var records = items.Select(SpoolRecord.Encode).ToList();
        var buffer = records.SelectMany(r => r).ToArray();
        await _writer.WaitAsync();
        try
        {
            long at;
            lock (_gate) at = _length;
            if (at + buffer.Length > MaxBytes)
            {
                lock (_gate) _full = true;
                BotMetrics.SpoolRefused.Inc();
                throw new InboundUnavailableException(
                    $"the database is unavailable and this host's spool is full ({at} of {MaxBytes} bytes, Spool:MaxBytes); retry later");
            }

            try
            {
                RandomAccess.Write(_file, buffer, at);
                RandomAccess.FlushToDisk(_file);
            }
            catch (IOException ex)
            {
                // What was written past the last whole record is not counted, and the next append overwrites it.
                BotMetrics.SpoolRefused.Inc();
                LogAppendFailed(ex, FilePath);
                throw new InboundUnavailableException("the database is unavailable and the spool could not be written; retry later", ex);
            }

            bool first;
            lock (_gate)
            {
                first = _length == 0;
                _length = at + buffer.Length;
                _records += records.Count;
            }

            if (first) LogSpooling(FilePath);
        }
        finally
        {
            _writer.Release();
        }

        Publish();
        return items.Select(_ => ProcessOutcome.Spooled).ToList();
    }

    /// <summary>Up to <paramref name="max"/> records after those already replayed, in the order they were appended.</summary>
    public SpoolChunk ReadNext(int max) => Read(max, logDamaged: true);

    /// <summary>When the oldest callback not yet replayed arrived; null when none waits.</summary>
    public async Task<DateTimeOffset?> OldestPendingAsync()
    {
        // Not while the file is being emptied under the reader.
        await _writer.WaitAsync();
        try
        {
            var next = Read(1, logDamaged: false);
            return next.Items.Count > 0 ? next.Items[0].Message.ReceivedAt : null;
        }
        finally
        {
            _writer.Release();
        }
    }

    private SpoolChunk Read(int max, bool logDamaged)
    {
        long offset, end;
        lock (_gate) (offset, end) = (_replayedTo, _length);
        var items = new List<InboundItem>();
        var consumed = 0;
        var header = new byte[SpoolRecord.HeaderBytes];
        while (items.Count < max && offset < end)
        {
            // Every record up to the counted length is whole: Recover checked the old ones, AppendAsync wrote the rest.
            RandomAccess.Read(_file, header, offset);
            var body = new byte[SpoolRecord.BodyLength(header)];
            RandomAccess.Read(_file, body, offset + SpoolRecord.HeaderBytes);
            var item = SpoolRecord.IsIntact(header, body) ? SpoolRecord.Decode(body) : null;
            if (item is not null) items.Add(item);
            else if (logDamaged) LogDamaged(FilePath, offset, body.Length);
            offset += SpoolRecord.HeaderBytes + body.Length;
            consumed++;
        }

        return new SpoolChunk(items, consumed, offset);
    }

    /// <summary>The chunk's records are committed: the next read starts after them.</summary>
    public void Replayed(SpoolChunk chunk)
    {
        lock (_gate)
        {
            _replayedTo = chunk.End;
            _replayed += chunk.Consumed;
        }

        Publish();
    }

    /// <summary>Empties the file once every record in it is replayed; false while records remain (or arrived meanwhile).</summary>
    public async Task<bool> TryTruncateAsync()
    {
        await _writer.WaitAsync();
        try
        {
            lock (_gate)
                if (_length == 0 || _replayedTo != _length) return false;
            RandomAccess.SetLength(_file, 0);
            RandomAccess.FlushToDisk(_file);
            int replayed;
            lock (_gate)
            {
                replayed = _replayed;
                (_length, _records, _replayedTo, _replayed, _full) = (0, 0, 0, 0, false);
            }

            LogEmptied(FilePath, replayed);
        }
        finally
        {
            _writer.Release();
        }

        Publish();
        return true;
    }

    public void Dispose()
    {
        _file.Dispose();
        _writer.Dispose();
    }

    private void Publish()
    {
        var (records, bytes) = Depth;
        BotMetrics.SpoolRecords.Set(records);
        BotMetrics.SpoolBytes.Set(bytes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable: callbacks are spooled in {Path} and answered 200 once on disk")]
    private partial void LogSpooling(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spool {Path} replayed ({Records} callbacks) and emptied")]
    private partial void LogEmptied(string path, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spool {Path}: skipped the damaged record at byte {Offset} ({Bytes} bytes): its checksum or contents do not match")]
    private partial void LogDamaged(string path, long offset, int bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not write the spool {Path}: callbacks are answered 503 while the database is out")]
    private partial void LogAppendFailed(Exception ex, string path);
}
