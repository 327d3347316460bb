namespace Bot.Host.WeCom.Archive;

/// <summary>
/// The <c>WeCom:Archive</c> section: the message archive (会话内容存档), read through Tencent's C SDK. Off while
/// <see cref="SdkPath"/> is empty.
/// </summary>
public sealed class ArchiveOptions
{
    public const string Section = "WeCom:Archive";

    /// <summary>Path of <c>libWeWorkFinanceSdk_C.so</c>, which the corp downloads from WeCom (doc 91774) and mounts into the host.</summary>
    public string SdkPath { get; set; } = "";

    /// <summary>The archive's own secret (管理工具 → 会话内容存档), not the app's.</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The corp's RSA private keys (PEM), by the version WeCom gave each public key (<c>publickey_ver</c>):
    /// <c>WeCom__Archive__PrivateKeys__3</c>. Records of an older version than any listed are skipped; of a newer one,
    /// reading stops until its key is configured.
    /// </summary>
    public Dictionary<string, string> PrivateKeys { get; set; } = [];

    /// <summary>How often the archive is read when no <c>msgaudit_notify</c> event says there is something new.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Records asked for per call; WeCom's maximum is 1,000.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The SDK's own timeout for one call (whole seconds).</summary>
    public TimeSpan SdkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A proxy for the SDK's requests (<c>socks5://10.0.0.1:8081</c> or <c>http://…</c>) and its <c>user:password</c>.</summary>
    public string Proxy { get; set; } = "";
    public string ProxyPassword { get; set; } = "";

    /// <summary>
    /// How far apart in time the callback copy and the archive copy of one message may be (same group, sender and
    /// text without the @). Deadlines of archive groups also wait this long past the archive having been read.
    /// </summary>
    public TimeSpan MatchWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long WeCom may take to put a sent message into the archive: a read that finds nothing new vouches only for messages older than this.</summary>
    public TimeSpan Lag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The sandbox plays the archive (its page's messages are the records, read without the SDK): set by the sandbox
    /// when it runs and no SDK is configured, never from configuration.
    /// </summary>
    public bool Simulated { get; internal set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(SdkPath) || Simulated;
}
