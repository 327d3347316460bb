namespace Bot.Host.WeCom;

/// <summary>WeCom's WXBizMsgCrypt error codes, numbered as the official samples number them so logs match WeCom's docs.</summary>
public enum WeComCryptoError
{
    None = 0,
    InvalidSignature = -40001,
    ParseXml = -40002,
    ComputeSignature = -40003,
    IllegalAesKey = -40004,
    InvalidReceiveId = -40005,
    EncryptAes = -40006,
    DecryptAes = -40007,
    IllegalBuffer = -40008,
    EncodeBase64 = -40009,
    DecodeBase64 = -40010,
    GenReturnXml = -40011,
}

/// <summary>Either a value or a typed error: bad input from the network is expected, so it is not an exception.</summary>
public readonly record struct CryptoResult(string? Value, WeComCryptoError Error)
{
    public bool Ok => Error == WeComCryptoError.None;

    public static CryptoResult Success(string value) => new(value, WeComCryptoError.None);

    public static CryptoResult Fail(WeComCryptoError error) => new(null, error);
}
