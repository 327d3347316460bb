using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Bot.Host.WeCom;

/// <summary>
/// WeCom's WXBizMsgCrypt: the signature and AES envelope around every callback and passive reply.
/// Plaintext layout: random(16) | length(4, big-endian) | message (UTF-8) | receive id.
/// </summary>
public sealed class WeComCrypto
{
    // WeCom pads to 32-byte blocks although AES blocks are 16 bytes, so the official vectors carry pads of up to 32
    // (A2 has 30) that .NET's PaddingMode.PKCS7 rejects; padding is therefore added and stripped by hand.
    private const int PadBlock = 32;
    private const int RandomLength = 16;
    private const int HeaderLength = RandomLength + 4;
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // Throws on malformed UTF-8 instead of substituting U+FFFD, so corrupted plaintext is reported, not passed on.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;
    private readonly Func<string> _randomPrefix;

    public WeComCrypto(string token, string encodingAesKey, string receiveId, Func<string>? randomPrefix = null)
    {
        _token = token ?? "";
        _key = DecodeKey(encodingAesKey);
        _receiveId = Encoding.UTF8.GetBytes(receiveId ?? "");
        _randomPrefix = randomPrefix ?? (() => RandomNumberGenerator.GetString(Alphanumerics, RandomLength));
    }

    private ReadOnlySpan<byte> Iv => _key.AsSpan(0, 16);

    // SHA-1 is not our choice: WeCom defines msg_signature as SHA-1 and verifies ours the same way.
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "SHA-1 is fixed by the WeCom protocol.")]
    public static string Signature(string token, string timestamp, string nonce, string encrypt)
    {
        string[] parts = [token ?? "", timestamp ?? "", nonce ?? "", encrypt ?? ""];
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    public bool VerifySignature(string msgSignature, string timestamp, string nonce, string encrypt)
    {
        if (string.IsNullOrEmpty(msgSignature))
            return false;
        var expected = Encoding.ASCII.GetBytes(Signature(_token, timestamp, nonce, encrypt));
        var actual = Encoding.UTF8.GetBytes(msgSignature.ToLowerInvariant());
        // Constant time, so response timing does not reveal how many leading characters of a forged signature were right.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public CryptoResult VerifyAndDecrypt(string msgSignature, string timestamp, string nonce, string encrypt) =>
        // CBC alone does not authenticate: only the signature tells a tampered ciphertext from a genuine one.
        VerifySignature(msgSignature, timestamp, nonce, encrypt) ? Decrypt(encrypt) : CryptoResult.Fail(WeComCryptoError.InvalidSignature);

    public CryptoResult Decrypt(string encrypt)
    {
        encrypt ??= "";
        // Convert would skip whitespace silently; a space here usually is a '+' that a query string turned into ' ',
        // and saying "bad base64" points at that better than a later length or padding error would.
        var cipher = new byte[encrypt.Length * 3 / 4];
        if (encrypt.AsSpan().ContainsAny(" \t\r\n") || !Convert.TryFromBase64String(encrypt, cipher, out var cipherLength))
            return CryptoResult.Fail(WeComCryptoError.DecodeBase64);
        if (cipherLength == 0 || cipherLength % 16 != 0)
            return CryptoResult.Fail(WeComCryptoError.DecryptAes);

        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = _key;
            plain = aes.DecryptCbc(cipher.AsSpan(0, cipherLength), Iv, PaddingMode.None);
        }

        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept(pad))
            return CryptoResult.Fail(WeComCryptoError.DecryptAes);
        var content = plain.AsSpan(0, plain.Length - pad);

        if (content.Length < HeaderLength)
            return CryptoResult.Fail(WeComCryptoError.IllegalBuffer);
        var messageLength = BinaryPrimitives.ReadInt32BigEndian(content[RandomLength..HeaderLength]);
        if (messageLength < 0 || messageLength > content.Length - HeaderLength)
            return CryptoResult.Fail(WeComCryptoError.IllegalBuffer);
        var message = content.Slice(HeaderLength, messageLength);

        // Compared as bytes: ordinal, and independent of whether the tail happens to be valid UTF-8.
        if (!content[(HeaderLength + messageLength)..].SequenceEqual(_receiveId))
            return CryptoResult.Fail(WeComCryptoError.InvalidReceiveId);

        try
        {
            return CryptoResult.Success(StrictUtf8.GetString(message));
        }
        catch (DecoderFallbackException)
        {
            return CryptoResult.Fail(WeComCryptoError.IllegalBuffer);
        }
    }

    public string Encrypt(string plaintext)
    {
        var random = _randomPrefix();
        // A wrong prefix would shift the length field and make every reply undecryptable: a bug in the caller, so it throws.
        if (random is not { Length: RandomLength } || !Ascii.IsValid(random))
            throw new InvalidOperationException($"The random prefix must be {RandomLength} ASCII characters; got \"{random}\".");

        var message = Encoding.UTF8.GetBytes(plaintext ?? "");
        var length = HeaderLength + message.Length + _receiveId.Length;
        var pad = PadBlock - length % PadBlock; // a whole block of padding when already aligned, so there is always a pad byte
        var plain = new byte[length + pad];

        Encoding.ASCII.GetBytes(random, plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), message.Length);
        message.CopyTo(plain, HeaderLength);
        _receiveId.CopyTo(plain, HeaderLength + message.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, Iv, PaddingMode.None));
    }

    public string EncryptedXmlReply(string plaintext, string timestamp, string nonce)
    {
        var encrypt = Encrypt(plaintext);
        // XElement writes the CDATA sections and escapes the caller's timestamp and nonce, which may echo the request.
        return new XElement("xml",
            new XElement("Encrypt", new XCData(encrypt)),
            new XElement("MsgSignature", new XCData(Signature(_token, timestamp, nonce, encrypt))),
            new XElement("TimeStamp", timestamp ?? ""),
            new XElement("Nonce", new XCData(nonce ?? ""))).ToString(SaveOptions.DisableFormatting);
    }

    public string EncryptedJsonReply(string plaintext, string timestamp, string nonce)
    {
        var encrypt = Encrypt(plaintext);
        return JsonSerializer.Serialize(new
        {
            encrypt,
            msgsignature = Signature(_token, timestamp, nonce, encrypt),
            timestamp = timestamp ?? "",
            nonce = nonce ?? "",
        });
    }

    private static byte[] DecodeKey(string encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 })
            throw new ArgumentException(
                $"EncodingAESKey must be 43 characters of base64; got {(encodingAesKey is null ? "null" : $"{encodingAesKey.Length} characters")}.",
                nameof(encodingAesKey));
        // WeCom drops the one '=' of a 32-byte key's base64; the alphabet check rejects whitespace, which Convert would skip.
        var key = new byte[33];
        if (encodingAesKey.AsSpan().ContainsAnyExcept(Alphanumerics + "+/")
            || !Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) || written != 32)
            throw new ArgumentException("EncodingAESKey must be 43 characters of base64 (A-Z, a-z, 0-9, '+', '/') encoding 32 bytes.", nameof(encodingAesKey));
        return key[..32];
    }
}
