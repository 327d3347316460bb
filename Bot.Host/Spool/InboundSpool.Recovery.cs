using Microsoft.Win32.SafeHandles;

namespace Bot.Host.Spool;

/// <summary>What the spool finds on disk when its host starts: its own records, a torn tail, the files of hosts that are gone.</summary>
public sealed partial class InboundSpool
{
    /// <summary>Counts the file's records; a torn tail is cut off, since its callback was never answered 200.</summary>
    private void Recover()
    {
        var (end, records) = Scan(_file);
        var size = RandomAccess.GetLength(_file);
        if (end < size)
        {
            LogTornTail(FilePath, end, size - end);
            RandomAccess.SetLength(_file, end);
            RandomAccess.FlushToDisk(_file);
        }

        (_length, _records) = (end, records);
        if (records > 0) LogFound(FilePath, records);
    }

    /// <summary>Where the file's whole records end, and how many there are (a damaged body counts: the replay logs and skips it).</summary>
    private static (long End, int Records) Scan(SafeFileHandle file)
    {
        var size = RandomAccess.GetLength(file);
        var header = new byte[SpoolRecord.HeaderBytes];
        long offset = 0;
        var records = 0;
        while (size - offset >= SpoolRecord.HeaderBytes)
        {
            RandomAccess.Read(file, header, offset);
            var length = SpoolRecord.BodyLength(header);
            if (length < 0 || offset + SpoolRecord.HeaderBytes + length > size) break;
            offset += SpoolRecord.HeaderBytes + length;
            records++;
        }

        return (offset, records);
    }

    /// <summary>
    /// Takes over the spool files of hosts that are gone (a container recreated under a new name, say): their records are
    /// appended to this file, on disk, before the old file is deleted. A crash in between leaves them in both, which the
    /// replay's dedupe absorbs. A file still locked by a live host is left alone.
    /// </summary>
    private void AdoptOrphans(string directory)
    {
        foreach (var path in Directory.GetFiles(directory, "*.spool").Where(p => p != FilePath))
        {
            SafeFileHandle orphan;
            try
            {
                orphan = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            using (orphan)
            {
                var (end, records) = Scan(orphan);
                var buffer = new byte[end];
                RandomAccess.Read(orphan, buffer, 0);
                RandomAccess.Write(_file, buffer, _length);
                RandomAccess.FlushToDisk(_file);
                (_length, _records) = (_length + end, _records + records);
                if (records > 0) LogAdopted(path, records, FilePath);
            }

            File.Delete(path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool {Path} holds {Records} callbacks from before the restart; they are replayed when the database answers")]
    private partial void LogFound(string path, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool {Path}: cut off a torn record at byte {Offset} ({Bytes} bytes): a crash interrupted its write, so it was never answered 200 and WeCom retries it")]
    private partial void LogTornTail(string path, long offset, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Records} callbacks from the spool {Orphan} of a host that is gone, into {Path}")]
    private partial void LogAdopted(string orphan, int records, string path);
}
