using System.Globalization;
using System.Security.Cryptography;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// The corp's RSA private keys by public-key version. WeCom encrypts each record's random key with the corp's public key
/// of version <c>publickey_ver</c> (RSA, PKCS#1 v1.5 padding, base64); the bot takes it back with the matching private key.
/// </summary>
public sealed class ArchiveKeys : IDisposable
{
    private readonly Dictionary<int, RSA> _keys;

    private ArchiveKeys(Dictionary<int, RSA> keys) => _keys = keys;

    public int Oldest => _keys.Keys.Min();

    /// <summary>Parses every key; a problem names the configuration key (never its value).</summary>
    public static ArchiveKeys Parse(IReadOnlyDictionary<string, string> pems, out IReadOnlyList<string> problems)
    {
        var keys = new Dictionary<int, RSA>();
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

            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                if (rsa.KeySize < 1024) found.Add($"{key} is a {rsa.KeySize}-bit key; WeCom's keys are RSA-2048");
                keys[version] = rsa;
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                rsa.Dispose();
                found.Add($"{key} is not an RSA private key in PEM (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)");
            }
        }

        problems = found;
        return new ArchiveKeys(keys);
    }

    public bool Has(int version) => _keys.ContainsKey(version);

    /// <summary>The record's random key: base64, then RSA with PKCS#1 v1.5 padding. Throws CryptographicException when the key does not fit.</summary>
    public string DecryptRandomKey(int version, string encryptRandomKey) =>
        System.Text.Encoding.UTF8.GetString(_keys[version].Decrypt(Convert.FromBase64String(encryptRandomKey), RSAEncryptionPadding.Pkcs1));

    public void Dispose()
    {
        foreach (var key in _keys.Values) key.Dispose();
    }
}
