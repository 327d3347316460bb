using Prometheus;

namespace Bot.Host.Health;

/// <summary>What an operator watches on <c>/metrics</c> besides HTTP: callbacks, verdicts, sends and timers.</summary>
public static class BotMetrics
{
    public static readonly Counter Callbacks = Metrics.CreateCounter("bot_callbacks_total",
        "WeCom callbacks by channel and outcome (recorded, duplicate, ignored, failed, spooled, refused, unavailable).", "channel", "outcome");

    public static readonly Counter RuleHits = Metrics.CreateCounter("bot_rule_hits_total",
        "Rule verdicts that hit, by rule and mode.", "rule", "mode");

    public static readonly Counter Sends = Metrics.CreateCounter("bot_outbox_sends_total",
        "Outbox send attempts by kind and outcome (sent, retry, dead).", "kind", "outcome");

    public static readonly Counter ItemsFailed = Metrics.CreateCounter("bot_items_failed_total",
        "Items a worker could not handle (an unexpected exception) and set aside so the rest go on, by worker (inbound, outbox, timer).", "worker");

    public static readonly Gauge SpoolRecords = Metrics.CreateGauge("bot_spool_records",
        "Callbacks in this host's spool (taken while the database was out) not yet replayed into the database.");

    public static readonly Gauge SpoolBytes = Metrics.CreateGauge("bot_spool_bytes", "Size of this host's spool file in bytes (Spool:MaxBytes at most).");

    public static readonly Counter SpoolRefused = Metrics.CreateCounter("bot_spool_refused_total",
        "Callbacks answered 503 during a database outage because the spool was full or could not be written.");

    public static readonly Counter SpoolReplayed = Metrics.CreateCounter("bot_spool_replayed_total",
        "Spooled callbacks replayed into the database, by outcome (recorded, ignored, duplicate, failed).", "outcome");

    public static readonly Counter WordListBuildFailures = Metrics.CreateCounter("bot_word_list_build_failures_total",
        "Word-list versions refused while loading (a bad entry); the last good matcher stays in service.");

    public static readonly Gauge WordListsStale = Metrics.CreateGauge("bot_word_lists_stale",
        "1 while the newest word lists are refused and an older matcher judges messages, else 0.");

    public static readonly Counter TimersFired = Metrics.CreateCounter("bot_timers_fired_total", "Deadlines fired, by kind.", "kind");
}
