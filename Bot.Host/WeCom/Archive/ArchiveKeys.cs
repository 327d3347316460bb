using System.Globalization;
using System.Security.Cryptography;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// The corp's RSA private keys by public-key version. WeCom encrypts each record's random key with the corp's public key
/// of version <c>publickey_ver</c> (RSA, PKCS#1 v1.5 padding, base64); the bot takes it back with the matching private
/// key. Records are decrypted on several threads, each with its own copy of the keys.
/// </summary>
public sealed class ArchiveKeys : IDisposable
{
    private readonly Dictionary<int, string> _pems;
    private readonly ThreadLocal<Dictionary<int, RSA>> _perThread;

    private ArchiveKeys(Dictionary<int, string> pems)
    {
        _pems = pems;
        _perThread = new ThreadLocal<Dictionary<int, RSA>>(() => _pems.ToDictionary(p => p.Key, p => Load(p.Value)), trackAllValues: true);
    }

    public int Oldest => _pems.Keys.Min();

    /// <summary>Parses every key; a problem names the configuration key (never its value).</summary>
    public static ArchiveKeys Parse(IReadOnlyDictionary<string, string> pems, out IReadOnlyList<string> problems)
    {
        var keys = new Dictionary<int, string>();
        var found = new List<string>();
        if (pems.Count == 0) found.Add($"{ArchiveOptions.Section}:PrivateKeys must list at least one private key, by version: {ArchiveOptions.Section}:PrivateKeys:1");
        foreach (var (name, pem) in pems)
        {
            var key = $"{ArchiveOptions.Section}:PrivateKeys:{name}";
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
            {
                found.Add($"{key} must be named by the public key's version, a positive number (publickey_ver)");
                continue;
            }

            try
            {
                using var rsa = Load(pem);
                if (rsa.KeySize < 1024) found.Add($"{key} is a {rsa.KeySize}-bit key; WeCom's keys are RSA-2048");
                else keys[version] = pem;
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                found.Add($"{key} is not an RSA private key in PEM (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
            }
        }

        problems = found;
        return new ArchiveKeys(keys);
    }

    public bool Has(int version) => _pems.ContainsKey(version);

    /// <summary>The record's random key: base64, then RSA with PKCS#1 v1.5 padding. Throws CryptographicException when the key does not fit.</summary>
    public string DecryptRandomKey(int version, string encryptRandomKey) =>
        System.Text.Encoding.UTF8.GetString(_perThread.Value![version].Decrypt(Convert.FromBase64String(encryptRandomKey), RSAEncryptionPadding.Pkcs1));

    private static RSA Load(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var key in _perThread.Values.SelectMany(k => k.Values)) key.Dispose();
        _perThread.Dispose();
    }
}
