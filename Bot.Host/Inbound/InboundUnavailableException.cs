namespace Bot.Host.Inbound;

/// <summary>A callback this host cannot take now (too many waiting, or the database out and the spool full): 503, WeCom retries.</summary>
public sealed class InboundUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
