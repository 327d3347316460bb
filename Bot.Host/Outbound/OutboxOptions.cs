namespace Bot.Host.Outbound;

/// <summary>The <c>Outbox</c> section: how the dispatcher paces, retries and gives up.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the dispatcher looks for due rows when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed row belongs to its dispatcher; after that (it died) another takes it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Attempts before a row is marked dead with its last error.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each later one doubles, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    public int BatchSize { get; set; } = 50;

    /// <summary>Whether this host runs the dispatcher and timer loops; tests that drive them step by step turn them off.</summary>
    public bool BackgroundWorkers { get; set; } = true;

    /// <summary>WeCom: 20 messages a minute per group robot.</summary>
    public int WebhookPerMinute { get; set; } = 20;

    /// <summary>WeCom: 30 messages a minute per private recipient (excess is dropped silently by WeCom, so we never send it).</summary>
    public int PrivatePerMinute { get; set; } = 30;
}
