using System.Globalization;
using Bot.Host.Health;
using Bot.Host.Inbound;
using Bot.Host.Rules;
using Bot.Rules.Acknowledgement;
using Bot.Rules.State;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.WeCom;

/// <summary>
/// The three encrypted WeCom callbacks. GET verifies the URL (answering the bare decrypted echostr); POST verifies,
/// decrypts, parses and records a message. Bad input gets a 4xx and changes nothing; during a database outage the
/// message is spooled on disk and answered 200 (see <see cref="Spool.InboundSpool"/>); 503, so that WeCom retries, only
/// when it could be neither recorded nor spooled.
/// </summary>
public static class CallbackEndpoints
{
    public static IEndpointRouteBuilder MapWeComCallbacks(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<WeComOptions>>().Value;
        var policyBotName = routes.ServiceProvider.GetRequiredService<PolicyDefaults>().Policy.BotName;
        foreach (var channel in CallbackChannel.FromOptions(options, policyBotName))
        {
            routes.MapGet(channel.Path, (HttpRequest request, TimeProvider time, ILoggerFactory logs) =>
                VerifyUrl(channel, request, options, time, logs.CreateLogger("WeCom.Callback")));
            routes.MapPost(channel.Path, (HttpRequest request, TimeProvider time, InboundBatcher batcher, PolicyDefaults defaults, ILoggerFactory logs, CancellationToken ct) =>
                ReceiveAsync(channel, request, options, time, batcher, defaults, logs.CreateLogger("WeCom.Callback"), ct));
        }

        return routes;
    }

    private static IResult VerifyUrl(CallbackChannel channel, HttpRequest request, WeComOptions options, TimeProvider time, ILogger logger)
    {
        if (channel.Crypto is null) return NotConfigured(channel);
        var query = CallbackQuery.From(request);
        if (query.Error is { } missing) return Refuse(logger, channel, 400, missing);
        // Base64 has no spaces: a space is a '+' that reached us unencoded and was decoded as form data.
        var echo = ((string?)request.Query["echostr"])?.Replace(' ', '+');
        if (string.IsNullOrEmpty(echo)) return Refuse(logger, channel, 400, "echostr is missing");
        if (Stale(query.Timestamp, options, time) is { } stale) return Refuse(logger, channel, stale.Status, stale.Reason);

        var result = channel.Crypto.VerifyAndDecrypt(query.Signature, query.Timestamp, query.Nonce, echo);
        if (!result.Ok) return Refuse(logger, channel, StatusOf(result.Error), $"URL verification failed: {result.Error}");
        // WeCom compares the body byte for byte: no quotes, no BOM, no newline.
        return Results.Text(result.Value, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> ReceiveAsync(CallbackChannel channel, HttpRequest request, WeComOptions options,
        TimeProvider time, InboundBatcher batcher, PolicyDefaults defaults, ILogger logger, CancellationToken cancellationToken)
    {
        if (channel.Crypto is null) return NotConfigured(channel);
        var query = CallbackQuery.From(request);
        if (query.Error is { } missing) return Refuse(logger, channel, 400, missing);
        if (Stale(query.Timestamp, options, time) is { } stale) return Refuse(logger, channel, stale.Status, stale.Reason);

        var body = await BoundedBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (body is null) return Refuse(logger, channel, 413, $"the body is larger than {options.MaxBodyBytes} bytes");
        var encrypt = CallbackEnvelope.ReadEncrypt(channel.Envelope, body, out var envelopeError);
        if (encrypt is null) return Refuse(logger, channel, 400, envelopeError ?? "no ciphertext");

        var plain = channel.Crypto.VerifyAndDecrypt(query.Signature, query.Timestamp, query.Nonce, encrypt);
        if (!plain.Ok) return Refuse(logger, channel, StatusOf(plain.Error), $"decryption failed: {plain.Error}");

        var parsed = channel.Parse(plain.Value!, time.GetUtcNow());
        if (parsed.Message is not { } parsedMessage) return Refuse(logger, channel, 400, $"payload refused: {parsed.Error}");
        var message = ReplyUrls.Vetted(parsedMessage, WeComHosts.From(options), logger);
        if (OverlongId(message) is { } overlong) return Refuse(logger, channel, 400, $"payload refused: {overlong} is longer than {MaxIdLength} characters");

        try
        {
            var outcome = await batcher.SubmitAsync(message, plain.Value!, cancellationToken);
            BotMetrics.Callbacks.WithLabels(channel.Channel.ToString(), outcome.ToString().ToLowerInvariant()).Inc();
        }
        catch (Exception ex) when (ex is InboundUnavailableException or NpgsqlException or TimeoutException)
        {
            BotMetrics.Callbacks.WithLabels(channel.Channel.ToString(), "unavailable").Inc();
            // Nothing was committed nor spooled (the spool is full, too many callbacks wait, the host is stopping); 503
            // makes WeCom deliver the message again a few times.
            logger.LogError(ex, "Could not take {DedupeKey} on {Channel}: {Reason}", message.DedupeKey, channel.Channel, ex.Message);
            return Results.Problem(ex is InboundUnavailableException ? ex.Message : "the database is unavailable; retry later", statusCode: 503);
        }

        return PassiveReply(channel, message, query, defaults, time) is { } reply
            ? Results.Text(reply, "application/json; charset=utf-8")
            : Results.Text(channel.SuccessBody, "text/plain; charset=utf-8");
    }

    /// <summary>
    /// Someone opening a chat with the 智能机器人 (<c>enter_chat</c>, once a day) is greeted with the 帮助 text, as the
    /// encrypted passive reply WeCom allows for that event only (doc 101031, 回复欢迎语). Everything else is answered empty.
    /// </summary>
    private static string? PassiveReply(CallbackChannel channel, Bot.Rules.Messages.InboundMessage message, CallbackQuery query,
        PolicyDefaults defaults, TimeProvider time)
    {
        if (message is not { Channel: Bot.Rules.Messages.Channel.AiBot, Kind: Bot.Rules.Messages.MessageKind.Event, EventName: "enter_chat" }) return null;
        // {"msgtype":"text","text":{"content":…}}: the welcome's shape is a webhook text's without chatid and mentions.
        // One person alone with the bot: every message reaches it, no @ needed.
        var alone = new GroupState(new GroupInfo(message.ChatId, "", null, null, [], []) { MentionRequired = false }, defaults.Policy,
            new Dictionary<string, Person>(), [], [], [], 0);
        var welcome = System.Text.Json.JsonSerializer.Serialize(new WebhookTextMessage(null, "text", new TextBody(CommandRule.HelpText(alone))),
            WeComJsonContext.Wire.WebhookTextMessage);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return channel.Crypto!.EncryptedJsonReply(welcome, timestamp, query.Nonce);
    }

    // WeCom's ids are well under 100 characters. A longer one is not WeCom's, and one past ~2.7 KB does not fit a unique
    // index entry: the insert would fail on every retry and answer 503 forever instead of refusing the message.
    private const int MaxIdLength = 512;

    private static string? OverlongId(Bot.Rules.Messages.InboundMessage message) =>
        message.DedupeKey.Length > MaxIdLength ? "the msg id"
        : message.ChatId.Length > MaxIdLength ? "the chat id"
        : message.SenderId.Length > MaxIdLength ? "the sender id"
        : null;

    /// <summary>A timestamp far from now is a replay (or a clock that cannot be trusted): refuse it.</summary>
    private static (int Status, string Reason)? Stale(string timestamp, WeComOptions options, TimeProvider time)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return (400, "timestamp is not a number of seconds");
        if (options.TimestampTolerance is not { } tolerance) return null;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) > tolerance.TotalSeconds
            ? (401, $"timestamp {seconds} is outside the accepted window of {tolerance} around now")
            : null;
    }

    private static int StatusOf(WeComCryptoError error) => error switch
    {
        // A forged or foreign message: the sender is not who it claims to be.
        WeComCryptoError.InvalidSignature or WeComCryptoError.InvalidReceiveId => 401,
        _ => 400,
    };

    private static IResult NotConfigured(CallbackChannel channel) =>
        Results.Problem($"the {channel.Channel} channel is not configured", statusCode: 404);

    private static IResult Refuse(ILogger logger, CallbackChannel channel, int status, string reason)
    {
        BotMetrics.Callbacks.WithLabels(channel.Channel.ToString(), "refused").Inc();
        logger.LogWarning("Refused a {Channel} callback with {Status}: {Reason}", channel.Channel, status, reason);
        return Results.Problem(reason, statusCode: status);
    }
}
