using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Archive;

/// <summary>What became of one record: a message, a record that cannot be read (counted and skipped), or one whose key is missing (reading stops there).</summary>
public abstract record ReadRecord(long Seq);

public sealed record DecryptedRecord(long Seq, ArchiveMessage Message, string Json) : ReadRecord(Seq);

public sealed record UnreadableRecord(long Seq, string Reason) : ReadRecord(Seq);

public sealed record KeyMissingRecord(long Seq, string Reason) : ReadRecord(Seq);

/// <summary>Where the archive's records come from: WeCom's SDK (<see cref="ArchiveReader"/>), or the sandbox's page.</summary>
public interface IArchiveSource
{
    /// <summary>The records after <paramref name="seq"/>, at most <see cref="ArchiveOptions.PageSize"/>, in seq order.</summary>
    Task<IReadOnlyList<EncryptedRecord>> PageAsync(long seq, CancellationToken ct);

    /// <summary>One record, read; may be called from several threads at once.</summary>
    ReadRecord Decrypt(EncryptedRecord record);
}

/// <summary>
/// Pulls pages of the archive through the SDK and decrypts their records: the random key with the corp's private key of
/// the record's version, the message with the SDK's DecryptData. The SDK is opened (NewSdk + Init) on first use and kept.
/// </summary>
public sealed class ArchiveReader(IOptions<ArchiveOptions> options, IOptions<WeComOptions> wecom) : IArchiveSource, IDisposable
{
    private readonly Lock _gate = new();
    private FinanceSdk? _sdk;
    private ArchiveKeys? _keys;

    public async Task<IReadOnlyList<EncryptedRecord>> PageAsync(long seq, CancellationToken ct)
    {
        var settings = options.Value;
        var sdk = Open();
        // The SDK blocks for up to its own timeout: keep it off the request threads.
        var json = await Task.Run(() => sdk.GetChatData((ulong)seq, (uint)settings.PageSize, settings.Proxy, settings.ProxyPassword,
            Math.Max(1, (int)settings.SdkTimeout.TotalSeconds)), ct);
        return ArchiveRecords.ParsePage(json);
    }

    public ReadRecord Decrypt(EncryptedRecord record)
    {
        var sdk = Open();
        var keys = _keys!;
        if (record.PublicKeyVersion is not { } version) return new UnreadableRecord(record.Seq, "publickey_ver is missing");
        if (!keys.Has(version))
        {
            // A version older than every configured key belongs to a key the corp has retired: those records are lost to
            // the bot. A newer one means WeCom already encrypts with a key the bot has not been given: wait for it.
            return version < keys.Oldest
                ? new UnreadableRecord(record.Seq, $"encrypted with public key version {version}, older than every configured key")
                : new KeyMissingRecord(record.Seq, $"record {record.Seq} is encrypted with public key version {version}: set {ArchiveOptions.Section}:PrivateKeys:{version} and restart");
        }

        string randomKey;
        try
        {
            randomKey = keys.DecryptRandomKey(version, record.EncryptRandomKey);
        }
        catch (FormatException)
        {
            return new UnreadableRecord(record.Seq, "encrypt_random_key is not base64");
        }
        catch (CryptographicException)
        {
            // The configured key of this version does not fit: a wrong key, which skipping would turn into lost messages.
            return new KeyMissingRecord(record.Seq, $"{ArchiveOptions.Section}:PrivateKeys:{version} does not decrypt record {record.Seq}: is it the private key of public key version {version}?");
        }

        string json;
        try
        {
            json = sdk.DecryptData(randomKey, record.EncryptChatMsg);
        }
        catch (ArchiveSdkException ex)
        {
            return new UnreadableRecord(record.Seq, ex.Message);
        }

        return ArchiveRecords.ParseMessage(json, out var problem) is { } message
            ? new DecryptedRecord(record.Seq, message, json)
            : new UnreadableRecord(record.Seq, problem!);
    }

    private FinanceSdk Open()
    {
        lock (_gate)
        {
            if (_sdk is not null) return _sdk;
            var settings = options.Value;
            // Checked at start-up (ArchiveOptionsValidator); parsed again here so the keys live only in this reader.
            _keys ??= ArchiveKeys.Parse(settings.PrivateKeys, out _);
            _sdk = FinanceSdk.Open(settings.SdkPath, wecom.Value.CorpId, settings.Secret);
            return _sdk;
        }
    }

    // The container may dispose it twice (as itself and as the IArchiveSource it also is).
    public void Dispose()
    {
        lock (_gate)
        {
            _sdk?.Dispose();
            _keys?.Dispose();
            (_sdk, _keys) = (null, null);
        }
    }
}
