namespace Bot.Tests.Support;

/// <summary>The official WeCom test vectors (shared/design/WECOM.md), used as credentials and golden values.</summary>
public static class WeComVectors
{
    public const string TokenA = "QDG6eK";
    public const string CorpIdA = "wx5823bf96d3bd56c7";
    public const string KeyA = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string A1Signature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const long A1Timestamp = 1409659589;
    public const string A1Nonce = "263014780";
    public const string A1EchoStrUrlEncoded = "P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";
    public const string A1Reply = "1616140317555161061";
    public const long A2Timestamp = 1409659813;

    public const string TokenB = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string KeyB = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

    public const string TokenC = "xxx";
    public static readonly string KeyC = new('x', 43);
}
