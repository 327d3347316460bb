using Prometheus;

namespace Bot.Host.Health;

/// <summary>What an operator watches on <c>/metrics</c> besides HTTP: callbacks, verdicts, sends and timers.</summary>
public static class BotMetrics
{
    public static readonly Counter Callbacks = Metrics.CreateCounter("bot_callbacks_total",
        "WeCom callbacks by channel and outcome (recorded, duplicate, ignored, refused, unavailable).", "channel", "outcome");

    public static readonly Counter RuleHits = Metrics.CreateCounter("bot_rule_hits_total",
        "Rule verdicts that hit, by rule and mode.", "rule", "mode");

    public static readonly Counter Sends = Metrics.CreateCounter("bot_outbox_sends_total",
        "Outbox send attempts by kind and outcome (sent, retry, dead).", "kind", "outcome");

    public static readonly Counter WordListBuildFailures = Metrics.CreateCounter("bot_word_list_build_failures_total",
        "Word-list versions refused while loading (a bad entry); the last good matcher stays in service.");

    public static readonly Gauge WordListsStale = Metrics.CreateGauge("bot_word_lists_stale",
        "1 while the newest word lists are refused and an older matcher judges messages, else 0.");

    public static readonly Counter TimersFired = Metrics.CreateCounter("bot_timers_fired_total", "Deadlines fired, by kind.", "kind");
}
