using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Bot.Host.WeCom;

namespace Bot.Tests.WeCom;

/// <summary>The official vectors of /work/shared/design/WECOM.md as golden tests, then every way a ciphertext can be wrong.</summary>
public class WeComCryptoTests
{
    // Vector A: the XML samples (sbzhu/weworkapi_php, callback).
    private const string TokenA = "QDG6eK";
    private const string KeyA = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpA = "wx5823bf96d3bd56c7";
    private const string A1Echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    private const string A2Encrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    private const string A2Plaintext =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
        + "<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n"
        + "<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";

    // Vector B: the JSON samples (sbzhu/weworkapi_python, callback_json/Sample.py).
    private const string TokenB = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    private const string KeyB = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    private const string CorpB = "ww1436e0e65a779aee";
    private const string B1Echo = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
    // Not in WECOM.md: the "encrypt" field of the POST body in callback_json/Sample.py. It matches B2's signature.
    private const string B2Encrypt = "cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4WeG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU=";
    // Upstream's sample JSON really is malformed (`"FromUserName": :mycreate"`); the crypto must hand back its bytes unchanged.
    private const string B2Plaintext =
        """{ "ToUserName": "wx5823bf96d3bd56c7", "FromUserName": :mycreate", "CreateTime": 1409659813, "MsgType": "text", "Content": "hello", "MsgId": 4561255354251345929, "AgentID": 218}""";

    // Vector C: a third-party channel whose receive id is empty (easy-wx/wecom-bot-svr).
    private const string TokenC = "xxx";
    private static readonly string KeyC = new('x', 43);
    private const string CEcho = "oCdlC8pJ/DIjXnC8F9reyjDYlSImCmIgxA4prPD+l2Fj5qBHjFiWnpelQofsDCJrSEvNVTET6oQmoXLQxzUkyQ==";

    private static readonly string[] XmlReplyElements = ["Encrypt", "MsgSignature", "TimeStamp", "Nonce"];
    private static readonly string[] JsonReplyFields = ["encrypt", "msgsignature", "timestamp", "nonce"];

    private static WeComCrypto A(string? random = null) => new(TokenA, KeyA, CorpA, random is null ? null : () => random);
    private static WeComCrypto B(string? random = null) => new(TokenB, KeyB, CorpB, random is null ? null : () => random);
    private static WeComCrypto C(string? random = null) => new(TokenC, KeyC, "", random is null ? null : () => random);

    [Test]
    public void Vector_A1_signature_over_the_echostr_matches() =>
        Assert.That(WeComCrypto.Signature(TokenA, "1409659589", "263014780", A1Echo), Is.EqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"));

    [Test]
    public void Vector_A1_url_verification_decrypts_to_the_echo() =>
        Assert.That(A().VerifyAndDecrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", A1Echo),
            Is.EqualTo(CryptoResult.Success("1616140317555161061")));

    [Test]
    public void Vector_A1_url_form_of_the_echostr_decodes_to_the_signed_echostr() =>
        Assert.That(WebUtility.UrlDecode("P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D"),
            Is.EqualTo(A1Echo));

    [Test]
    public void Vector_A1_encryption_with_its_random_reproduces_the_echostr() =>
        Assert.That(A("c41b64491c2468d0").Encrypt("1616140317555161061"), Is.EqualTo(A1Echo));

    [Test]
    public void Vector_A2_signature_over_the_message_matches() =>
        Assert.That(WeComCrypto.Signature(TokenA, "1409659813", "1372623149", A2Encrypt), Is.EqualTo("477715d11cdb4164915debcba66cb864d751f3e6"));

    [Test]
    public void Vector_A2_message_with_32_byte_padding_of_30_decrypts_to_the_exact_xml() =>
        Assert.That(A().VerifyAndDecrypt("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", A2Encrypt),
            Is.EqualTo(CryptoResult.Success(A2Plaintext)));

    [Test]
    public void Vector_A2_encryption_with_its_random_reproduces_the_message() =>
        Assert.That(A("0960688932c47ef1").Encrypt(A2Plaintext), Is.EqualTo(A2Encrypt));

    [Test]
    public void Vector_B1_signature_over_the_echostr_matches() =>
        Assert.That(WeComCrypto.Signature(TokenB, "1476416373", "47744683", B1Echo), Is.EqualTo("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb"));

    [Test]
    public void Vector_B1_url_verification_decrypts_to_the_echo() =>
        Assert.That(B().VerifyAndDecrypt("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "1476416373", "47744683", B1Echo),
            Is.EqualTo(CryptoResult.Success("1288432023552776189")));

    [Test]
    public void Vector_B1_encryption_with_its_random_reproduces_the_echostr() =>
        // The random is not published; it is the first 16 bytes of B1's own plaintext.
        Assert.That(B("8908d0ff052afda0").Encrypt("1288432023552776189"), Is.EqualTo(B1Echo));

    [Test]
    public void Vector_B2_signature_over_the_message_matches() =>
        Assert.That(WeComCrypto.Signature(TokenB, "1409659813", "1372623149", B2Encrypt), Is.EqualTo("e3647471e395139e2308c1fa963f2d648a00b90e"));

    [Test]
    public void Vector_B2_message_decrypts_to_upstreams_malformed_json_byte_for_byte()
    {
        var result = B().VerifyAndDecrypt("e3647471e395139e2308c1fa963f2d648a00b90e", "1409659813", "1372623149", B2Encrypt);

        Assert.That(result, Is.EqualTo(CryptoResult.Success(B2Plaintext)));
        Assert.That(Encoding.UTF8.GetBytes(result.Value!), Has.Length.EqualTo(176));
    }

    [Test]
    public void Vector_B2_encryption_with_its_random_reproduces_the_message() =>
        // The random is not published; it is the first 16 bytes of B2's own plaintext.
        Assert.That(B("dDVXRx6kn1gOT43Q").Encrypt(B2Plaintext), Is.EqualTo(B2Encrypt));

    [Test]
    public void Vector_C_with_empty_receive_id_verifies_and_decrypts_to_the_echo()
    {
        Assert.That(WeComCrypto.Signature(TokenC, "1703041184", "1703023880", CEcho), Is.EqualTo("09380007d4f0891d966988e5450ad794c77fa01c"));
        Assert.That(C().VerifyAndDecrypt("09380007d4f0891d966988e5450ad794c77fa01c", "1703041184", "1703023880", CEcho),
            Is.EqualTo(CryptoResult.Success("6534946348215556778")));
    }

    [Test]
    public void Vector_C_encryption_with_its_random_reproduces_the_echostr() =>
        // The random is not published; it is the first 16 bytes of C's own plaintext.
        Assert.That(C("b8beb27f9b8a1e5c").Encrypt("6534946348215556778"), Is.EqualTo(CEcho));

    [Test]
    public void Vector_C_is_refused_by_a_crypto_expecting_a_corp_id() =>
        Assert.That(new WeComCrypto(TokenC, KeyC, CorpA).Decrypt(CEcho), Is.EqualTo(CryptoResult.Fail(WeComCryptoError.InvalidReceiveId)));

    [Test]
    public void Signature_check_accepts_upper_case_hex() =>
        Assert.That(A().VerifySignature("477715D11CDB4164915DEBCBA66CB864D751F3E6", "1409659813", "1372623149", A2Encrypt), Is.True);

    [Test]
    public void Signature_check_never_throws_on_null_arguments() =>
        Assert.That(A().VerifySignature(null!, null!, null!, null!), Is.False);

    [Test]
    public void Chinese_text_survives_a_round_trip()
    {
        const string text = "群规：禁止发广告 🚫，违者移出群聊。";
        var crypto = A();

        Assert.That(crypto.Decrypt(crypto.Encrypt(text)), Is.EqualTo(CryptoResult.Success(text)));
    }

    [Test]
    public void Empty_text_survives_a_round_trip() =>
        Assert.That(A().Decrypt(A().Encrypt("")), Is.EqualTo(CryptoResult.Success("")));

    [Test]
    public void Encryption_pads_a_whole_32_byte_block_when_the_plaintext_is_aligned()
    {
        // 20 header bytes + 26 message bytes + 18 corp id bytes = 64, a multiple of 32.
        var plain = Open(A().Encrypt(new string('a', 26)));

        Assert.That(plain, Has.Length.EqualTo(96));
        Assert.That(plain[64..], Is.All.EqualTo((byte)32));
    }

    [Test]
    public void Default_random_prefix_is_16_fresh_alphanumerics()
    {
        var first = Open(A().Encrypt("hi"));
        var second = Open(A().Encrypt("hi"));

        Assert.That(Encoding.ASCII.GetString(first, 0, 16), Does.Match("^[A-Za-z0-9]{16}$"));
        Assert.That(first[..16], Is.Not.EqualTo(second[..16]));
    }

    [Test]
    public void Random_prefix_of_the_wrong_length_is_a_programming_error() =>
        Assert.That(() => A("short").Encrypt("hi"), Throws.InvalidOperationException.With.Message.Contains("16"));

    [Test]
    public void Xml_reply_verifies_and_decrypts_back_to_the_text()
    {
        var xml = XElement.Parse(A().EncryptedXmlReply("收到，谢谢", "1409659813", "1372623149"));

        Assert.That(xml.Elements().Select(e => e.Name.LocalName), Is.EqualTo(XmlReplyElements));
        Assert.That((string?)xml.Element("TimeStamp"), Is.EqualTo("1409659813"));
        Assert.That(A().VerifyAndDecrypt((string)xml.Element("MsgSignature")!, (string)xml.Element("TimeStamp")!,
            (string)xml.Element("Nonce")!, (string)xml.Element("Encrypt")!), Is.EqualTo(CryptoResult.Success("收到，谢谢")));
    }

    [Test]
    public void Xml_reply_reproduces_the_official_format_byte_for_byte()
    {
        var signature = WeComCrypto.Signature(TokenA, "1409659589", "263014780", A1Echo);

        Assert.That(A("c41b64491c2468d0").EncryptedXmlReply("1616140317555161061", "1409659589", "263014780"), Is.EqualTo(
            $"<xml><Encrypt><![CDATA[{A1Echo}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature>"
            + "<TimeStamp>1409659589</TimeStamp><Nonce><![CDATA[263014780]]></Nonce></xml>"));
    }

    [Test]
    public void Json_reply_verifies_and_decrypts_back_to_the_text()
    {
        using var json = JsonDocument.Parse(C().EncryptedJsonReply("""{"msgtype":"text","text":{"content":"你好"}}""", "1703041184", "1703023880"));
        var root = json.RootElement;
        string Field(string name) => root.GetProperty(name).GetString()!;

        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(JsonReplyFields));
        Assert.That(C().VerifyAndDecrypt(Field("msgsignature"), Field("timestamp"), Field("nonce"), Field("encrypt")),
            Is.EqualTo(CryptoResult.Success("""{"msgtype":"text","text":{"content":"你好"}}""")));
    }

    // ---- Bad input: each malformed ciphertext is built by hand so that it fails exactly one check.

    [Test]
    public void Wrong_signature_is_refused_before_decrypting() =>
        Assert.That(A().VerifyAndDecrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", A1Echo),
            Is.EqualTo(CryptoResult.Fail(WeComCryptoError.InvalidSignature)));

    [Test]
    public void Tampered_ciphertext_with_the_original_signature_is_refused() =>
        Assert.That(A().VerifyAndDecrypt("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", Flip(A1Echo, 5)),
            Is.EqualTo(CryptoResult.Fail(WeComCryptoError.InvalidSignature)));

    [TestCase(0, TestName = "Tampered_ciphertext_first_byte_garbles_the_length_field")]
    [TestCase(47, TestName = "Tampered_ciphertext_in_the_last_block_garbles_the_padding")]
    [TestCase(63, TestName = "Tampered_ciphertext_last_byte_garbles_the_padding")]
    public void Tampered_ciphertext_is_an_error_not_an_exception(int index) =>
        Assert.That(A().Decrypt(Flip(A1Echo, index)).Error,
            Is.AnyOf(WeComCryptoError.DecryptAes, WeComCryptoError.IllegalBuffer, WeComCryptoError.InvalidReceiveId));

    [Test]
    public void Every_single_byte_flip_decrypts_without_throwing()
    {
        // CBC is not authenticated, so a flip may even yield another valid message; the signature is what refuses those.
        for (var i = 0; i < 64; i++)
            Assert.That(() => A().Decrypt(Flip(A1Echo, i)), Throws.Nothing, $"byte {i}");
    }

    [Test]
    public void Hand_built_ciphertext_of_a_well_formed_plaintext_decrypts() =>
        // Shows the builders below are faithful, so each malformed case fails for its one intended reason.
        Assert.That(A().Decrypt(Seal(Pad(Body("hello"u8.ToArray())))), Is.EqualTo(CryptoResult.Success("hello")));

    private static IEnumerable<TestCaseData> Malformed()
    {
        TestCaseData Case(string name, string? encrypt, WeComCryptoError error) =>
            new TestCaseData(encrypt, error).SetName($"Malformed_ciphertext_{name}_is_{error}");
        var hello = "hello"u8.ToArray();

        yield return Case("null", null, WeComCryptoError.DecryptAes);
        yield return Case("empty", "", WeComCryptoError.DecryptAes);
        yield return Case("not_base64", "not base64!", WeComCryptoError.DecodeBase64);
        yield return Case("with_a_plus_turned_into_a_space", A1Echo.Replace('+', ' '), WeComCryptoError.DecodeBase64);
        yield return Case("of_20_bytes_not_a_multiple_of_16", Convert.ToBase64String(new byte[20]), WeComCryptoError.DecryptAes);
        yield return Case("with_pad_0", Seal(With(Pad(Body(hello)), ^1, 0)), WeComCryptoError.DecryptAes);
        yield return Case("with_pad_33", Seal(With(Pad(Body(hello)), ^1, 33)), WeComCryptoError.DecryptAes);
        yield return Case("with_unequal_pad_bytes", Seal(With(Pad(Body(hello)), ^2, 0)), WeComCryptoError.DecryptAes);
        yield return Case("with_pad_longer_than_the_plaintext", Seal(Enumerable.Repeat((byte)32, 16).ToArray()), WeComCryptoError.DecryptAes);
        yield return Case("shorter_than_the_20_byte_header", Seal(Pad(new byte[19])), WeComCryptoError.IllegalBuffer);
        yield return Case("with_length_field_past_the_end", Seal(Pad(Body(hello, lengthField: hello.Length + CorpA.Length + 1))), WeComCryptoError.IllegalBuffer);
        yield return Case("with_negative_length_field", Seal(Pad(Body(hello, lengthField: int.MinValue))), WeComCryptoError.IllegalBuffer);
        yield return Case("for_another_receive_id", Seal(Pad(Body(hello, receiveId: "wx5823bf96d3bd56c8"))), WeComCryptoError.InvalidReceiveId);
        yield return Case("for_a_receive_id_differing_in_case", Seal(Pad(Body(hello, receiveId: CorpA.ToUpperInvariant()))), WeComCryptoError.InvalidReceiveId);
        yield return Case("with_invalid_utf8_message", Seal(Pad(Body([0x68, 0xFF, 0xFE, 0x69]))), WeComCryptoError.IllegalBuffer);
        yield return Case("with_truncated_utf8_message", Seal(Pad(Body([0xE7, 0xBE]))), WeComCryptoError.IllegalBuffer);
    }

    [TestCaseSource(nameof(Malformed))]
    public void Malformed_ciphertext_is_a_typed_error(string? encrypt, WeComCryptoError error) =>
        Assert.That(A().Decrypt(encrypt!), Is.EqualTo(CryptoResult.Fail(error)));

    [TestCase(42)]
    [TestCase(44)]
    public void Key_of_the_wrong_length_is_rejected_naming_its_length(int length) =>
        Assert.That(() => new WeComCrypto(TokenA, new string('x', length), CorpA),
            Throws.ArgumentException.With.Message.Contains($"got {length} characters"));

    [TestCase("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2=", TestName = "Key_with_padding_inside_is_rejected")]
    [TestCase("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2 ", TestName = "Key_with_whitespace_is_rejected")]
    [TestCase("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2-", TestName = "Key_with_url_safe_base64_is_rejected")]
    public void Key_that_is_not_base64_is_rejected(string key) =>
        Assert.That(() => new WeComCrypto(TokenA, key, CorpA), Throws.ArgumentException.With.Message.Contains("base64"));

    [Test]
    public void Null_key_is_rejected_as_an_argument_error() =>
        Assert.That(() => new WeComCrypto(TokenA, null!, CorpA), Throws.ArgumentException.With.Message.Contains("43"));

    // random(16) | length (big-endian) | message | receive id, without padding.
    private static byte[] Body(byte[] message, string receiveId = CorpA, int? lengthField = null)
    {
        var rid = Encoding.UTF8.GetBytes(receiveId);
        var body = new byte[20 + message.Length + rid.Length];
        "0123456789abcdef"u8.CopyTo(body);
        BinaryPrimitives.WriteInt32BigEndian(body.AsSpan(16), lengthField ?? message.Length);
        message.CopyTo(body, 20);
        rid.CopyTo(body, 20 + message.Length);
        return body;
    }

    private static byte[] Pad(byte[] body)
    {
        var pad = 32 - body.Length % 32;
        return [.. body, .. Enumerable.Repeat((byte)pad, pad)];
    }

    private static byte[] With(byte[] bytes, Index index, byte value)
    {
        bytes[index] = value;
        return bytes;
    }

    // Encrypts exactly the given bytes, padding included, as WeCom would with vector A's key.
    private static string Seal(byte[] plaintext)
    {
        using var aes = AesA();
        return Convert.ToBase64String(aes.EncryptCbc(plaintext, aes.Key.AsSpan(0, 16), PaddingMode.None));
    }

    // Decrypts without any of WeComCrypto's checks, to look at the raw plaintext.
    private static byte[] Open(string encrypt)
    {
        using var aes = AesA();
        return aes.DecryptCbc(Convert.FromBase64String(encrypt), aes.Key.AsSpan(0, 16), PaddingMode.None);
    }

    private static Aes AesA()
    {
        var aes = Aes.Create();
        aes.Key = Convert.FromBase64String(KeyA + "=");
        return aes;
    }

    private static string Flip(string base64, int index)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[index] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }
}
