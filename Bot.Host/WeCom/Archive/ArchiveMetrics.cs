using Prometheus;

namespace Bot.Host.WeCom.Archive;

/// <summary>What an operator watches of the archive on <c>/metrics</c>.</summary>
public static class ArchiveMetrics
{
    public static readonly Counter Records = Metrics.CreateCounter("bot_archive_records_total", "Archive records read.");

    public static readonly Counter Skipped = Metrics.CreateCounter("bot_archive_skipped_total",
        "Archive records that could not be read (malformed, or of a retired key), counted and skipped.");

    public static readonly Counter Errors = Metrics.CreateCounter("bot_archive_errors_total",
        "Archive reads that stopped: the SDK's error code, 'page' for an answer that is not a page, 'key' for a missing private key.", "code");
}
