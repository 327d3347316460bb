using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bot.Tests.Support;

/// <summary>
/// WeCom's message archive for one test: the stand-in SDK (<c>Archive/StandIn/wework_standin.c</c>, built with gcc
/// once per run) copied into a directory of its own, so that each test's host loads its own instance, and the records
/// it serves, encrypted as WeCom encrypts them: the random key with RSA (PKCS#1 v1.5) under the corp's public key of
/// the record's version, the message with the stand-in's reversible DecryptData.
/// </summary>
public sealed class StandInArchive : IDisposable
{
    public const string Secret = "archive-secret-for-tests";

    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<int, RSA> _keys = [];
    private long _seq;

    private readonly int _keySize;

    /// <param name="versions">The public key versions the corp has (each with a fresh key pair); 1 when none are given.</param>
    /// <param name="keySize">2048 like WeCom's keys; the bursts use 1024, which is several times cheaper to decrypt and takes the same code path.</param>
    public StandInArchive(int[]? versions = null, int keySize = 2048)
    {
        _keySize = keySize;
        Directory = Path.Combine(Path.GetTempPath(), "standin-archive-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.Copy(Built.Value, SdkPath);
        foreach (var version in versions ?? [1]) _keys[version] = RSA.Create(keySize);
    }

    public string Directory { get; }
    public string SdkPath => Path.Combine(Directory, "libWeWorkFinanceSdk_C.so");

    /// <summary>The host's settings for this archive: the SDK, the secret and the private key of each version given.</summary>
    public Dictionary<string, string?> Settings(params int[] versions)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:Archive:SdkPath"] = SdkPath,
            ["WeCom:Archive:Secret"] = Secret,
            ["WeCom:Archive:Lag"] = "00:00:00",
        };
        foreach (var version in versions.Length == 0 ? _keys.Keys.ToArray() : versions)
            settings[$"WeCom:Archive:PrivateKeys:{version}"] = _keys[version].ExportRSAPrivateKeyPem();
        return settings;
    }

    /// <summary>A key pair of another version, known to the archive (WeCom encrypts with it) until a test configures it.</summary>
    public void AddKey(int version) => _keys[version] = RSA.Create(_keySize);

    /// <summary>A member's text in a group, as the archive records it (msgtime in ms); returns its msgid.</summary>
    public string Text(string roomId, string from, IReadOnlyList<string> members, DateTimeOffset sentAt, string content, int version = 1, string? msgId = null)
    {
        msgId ??= NewMsgId();
        Append(new
        {
            msgid = msgId, action = "send", from, tolist = members.Where(m => m != from).ToArray(), roomid = roomId,
            msgtime = sentAt.ToUnixTimeMilliseconds(), msgtype = "text", text = new { content },
        }, msgId, version);
        return msgId;
    }

    /// <summary>A recall (撤回) of <paramref name="recalledMsgId"/>, as a real decrypted record has it: action recall, msgtype revoke.</summary>
    public string Recall(string roomId, string from, DateTimeOffset at, string recalledMsgId)
    {
        var msgId = NewMsgId();
        Append(new
        {
            msgid = msgId, action = "recall", from, tolist = Array.Empty<string>(), roomid = roomId,
            msgtime = at.ToUnixTimeMilliseconds(), msgtype = "revoke", revoke = new { pre_msgid = recalledMsgId },
        }, msgId, 1);
        return msgId;
    }

    /// <summary>Any decrypted content, as it is (a malformed message, a switch record…).</summary>
    public void Raw(string decrypted, int version = 1) => AppendEncrypted(NewMsgId(), Encoding.UTF8.GetBytes(decrypted), version);

    /// <summary>The next <paramref name="times"/> GetChatData calls fail with <paramref name="code"/>: as the return value, or inside the JSON.</summary>
    public void Fail(int code, int times, bool insideJson = false) =>
        File.WriteAllText(Path.Combine(Directory, "control"), $"{(insideJson ? "errcode" : "return")} {code} {times}\n");

    /// <summary>The seq of each GetChatData call so far.</summary>
    public IReadOnlyList<long> Calls => File.Exists(Path.Combine(Directory, "calls.log"))
        ? [.. File.ReadAllLines(Path.Combine(Directory, "calls.log")).Select(l => long.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture))]
        : [];

    public long LastSeq => _seq;

    /// <summary>Records written in one go (a burst): each line is already encrypted; one file write.</summary>
    public void AppendMany(IEnumerable<(string RoomId, string From, IReadOnlyList<string> Members, DateTimeOffset SentAt, string Content)> messages)
    {
        var lines = new StringBuilder();
        foreach (var m in messages)
        {
            var msgId = NewMsgId();
            lines.Append(Line(msgId, JsonSerializer.SerializeToUtf8Bytes(new
            {
                msgid = msgId, action = "send", from = m.From, tolist = m.Members.Where(x => x != m.From).ToArray(), roomid = m.RoomId,
                msgtime = m.SentAt.ToUnixTimeMilliseconds(), msgtype = "text", text = new { content = m.Content },
            }), 1));
        }

        File.AppendAllText(RecordsFile, lines.ToString());
    }

    private string RecordsFile => Path.Combine(Directory, "records.jsonl");

    private void Append(object message, string msgId, int version) =>
        AppendEncrypted(msgId, JsonSerializer.SerializeToUtf8Bytes(message), version);

    private void AppendEncrypted(string msgId, byte[] plain, int version) => File.AppendAllText(RecordsFile, Line(msgId, plain, version));

    private string Line(string msgId, byte[] plain, int version)
    {
        var seq = ++_seq;
        var randomKey = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        var keyBytes = Encoding.ASCII.GetBytes(randomKey);
        var cipher = plain.Select((b, i) => (byte)(b ^ keyBytes[i % keyBytes.Length])).ToArray();
        var record = JsonSerializer.Serialize(new
        {
            seq, msgid = msgId, publickey_ver = version,
            encrypt_random_key = Convert.ToBase64String(_keys[version].Encrypt(keyBytes, RSAEncryptionPadding.Pkcs1)),
            encrypt_chat_msg = Convert.ToBase64String(cipher),
        });
        return $"{seq} {record}\n";
    }

    private static string NewMsgId() => Guid.NewGuid().ToString("N") + "_" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Build()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Archive", "StandIn", "wework_standin.c");
        var output = Path.Combine(Path.GetTempPath(), "standin-sdk-" + Guid.NewGuid().ToString("N"), "libWeWorkFinanceSdk_C.so");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var gcc = new ProcessStartInfo("gcc", ["-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", output, source, "-ldl"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(gcc) ?? throw new InvalidOperationException("gcc did not start: run scripts/ensure-deps.sh");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"gcc could not build the stand-in SDK:\n{errors}");
        return output;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values) key.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A host process still holding the library open: the temp directory is left to the system.
        }
    }
}
