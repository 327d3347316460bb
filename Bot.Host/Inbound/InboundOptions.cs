namespace Bot.Host.Inbound;

/// <summary>The <c>Inbound</c> section: how concurrent callbacks are grouped into transactions.</summary>
public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>The most callbacks recorded in one transaction. Larger batches cost fewer round trips per callback.</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>
    /// How many batches may be in their transactions at once: while one waits for its commit to reach the disk, the next
    /// is already reading and evaluating.
    /// </summary>
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>
    /// The most callbacks waiting for a transaction (or the spool) at once; more are refused with 503. At the measured
    /// rate of about a thousand callbacks a second, 5,000 is several seconds of work: past that WeCom has given up anyway.
    /// </summary>
    public int MaxWaiting { get; set; } = 5000;
}
