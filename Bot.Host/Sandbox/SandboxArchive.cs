using System.Text.Json;
using Bot.Host.WeCom.Archive;
using Microsoft.Extensions.Options;

namespace Bot.Host.Sandbox;

/// <summary>
/// The sandbox's message archive, for a group whose 「会话存档」 switch is on: every message the page sends there becomes a
/// record as WeCom's archive has it (the @ of the bot in its text when it was ticked), and the real
/// <see cref="ArchivePoller"/> reads it — room mapping, copies of one message, deadlines waiting for the archive —
/// without the SDK and its encryption, which need a corp's keys. Records live in memory; their seq is the time in ms,
/// so that records after a restart still come after the stored cursor.
/// </summary>
public sealed class SandboxArchive(ArchiveWake wake, IOptions<ArchiveOptions> options, TimeProvider time) : IArchiveSource
{
    private const int Kept = 5000;
    private readonly Lock _gate = new();
    private readonly List<EncryptedRecord> _records = [];

    public static string RoomOf(string chatId) => "sandbox-room-" + chatId;

    public void Add(string chatId, string from, IReadOnlyList<string> members, string text)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var seq = Math.Max(now.ToUnixTimeMilliseconds(), _records.Count > 0 ? _records[^1].Seq + 1 : 0);
            var msgId = $"sandbox-{seq}";
            var json = JsonSerializer.Serialize(new
            {
                msgid = msgId, action = "send", from, tolist = members.Where(m => m != from).ToArray(), roomid = RoomOf(chatId),
                msgtime = now.ToUnixTimeMilliseconds(), msgtype = "text", text = new { content = text },
            });
            _records.Add(new EncryptedRecord(seq, msgId, null, "", json));
            if (_records.Count > Kept) _records.RemoveRange(0, _records.Count - Kept);
        }

        // As WeCom's msgaudit_notify would: the reader looks at once.
        wake.Wake();
    }

    public Task<IReadOnlyList<EncryptedRecord>> PageAsync(long seq, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<EncryptedRecord>>([.. _records.Where(r => r.Seq > seq).Take(options.Value.PageSize)]);
    }

    /// <summary>The sandbox's records are not encrypted: the message is read with the same parser as WeCom's.</summary>
    public ReadRecord Decrypt(EncryptedRecord record) =>
        ArchiveRecords.ParseMessage(record.EncryptChatMsg, out var problem) is { } message
            ? new DecryptedRecord(record.Seq, message, record.EncryptChatMsg)
            : new UnreadableRecord(record.Seq, problem!);
}
