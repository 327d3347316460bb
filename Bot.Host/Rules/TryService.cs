using Bot.Host.People;
using Bot.Host.Groups;
using Bot.Rules.Messages;
using Bot.Rules.Moderation;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Storage;
using Npgsql;

namespace Bot.Host.Rules;

/// <summary>A message to try: who says what in which group, when (default now), mentioning whom.</summary>
public sealed record TryRequest(string? ChatId, string? UserId, string? Text, string? Name = null, DateTimeOffset? At = null, IReadOnlyList<string>? Mentions = null);

/// <summary>What the bot would decide: every rule's verdict and every effect, against the group's state at that moment.</summary>
public sealed record TryOutcome(string ChatId, string UserId, string Text, DateTimeOffset At, bool GroupKnown, GroupState State, Decision Decision)
{
    /// <summary>When a post or private message of the decision would go out (the end of quiet hours unless urgent); null for other effects.</summary>
    public DateTimeOffset? NotBefore(Effect effect) => effect switch
    {
        PostToGroup { Urgent: false } or SendPrivate { Urgent: false } => QuietHours.NextAllowed(State.Policy, At),
        PostToGroup or SendPrivate => At,
        _ => null,
    };
}

/// <summary>
/// 「试一试」 for the admin API and the dashboard: runs the whole pipeline on a synthetic message against the group's real
/// state and policy, and stores nothing — the state is read in a transaction that is rolled back, the effects only described.
/// </summary>
public sealed class TryService(NpgsqlDataSource db, PolicyDefaults defaults, ContentScanners scanners, TimeProvider time)
{
    public const int MaxText = 4000;

    public async Task<(TryOutcome? Outcome, IReadOnlyList<Problem> Problems)> RunAsync(TryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.ChatId)) problems.Add(new("chatId", "请选择群"));
        if (PersonRules.UserIdProblem(request.UserId?.Trim(), "发送人") is { } badUser) problems.Add(new("userId", badUser));
        if (request.Text is null) problems.Add(new("text", "请填写消息"));
        else if (request.Text.Length > MaxText) problems.Add(new("text", $"消息最多{MaxText}个字"));
        if (problems.Count > 0) return (null, problems);

        // Instants go to the database in UTC (Npgsql refuses other offsets); pages and answers show them on the group's clock.
        var (chatId, userId, at) = (request.ChatId!.Trim(), request.UserId!.Trim(), (request.At ?? time.GetUtcNow()).ToUniversalTime());
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        GroupState state;
        IContentScanner scanner;
        bool known;
        try
        {
            known = await GroupConfigStore.GetAsync(connection, transaction, chatId, ct) is not null;
            // The text, so that a command asking about a past notice finds it (GroupState.PastNotices).
            state = await GroupStateStore.LoadAsync(connection, transaction, chatId, userId, defaults.Policy, at, ct, text: request.Text);
            scanner = await scanners.CurrentAsync(connection, transaction, ct);
        }
        catch (PolicyException ex)
        {
            var problem = GroupRules.Of(ex);
            return (null, [problem with { Message = $"本群保存的规则有误：{problem.Message}" }]);
        }

        await transaction.RollbackAsync(ct);
        var text = request.Text!.Trim();
        var message = new InboundMessage($"try:{Guid.NewGuid():N}", Channel.Robot, chatId, ChatType.Group, userId, request.Name ?? state.NameOf(userId),
            MessageKind.Text, "text", text, request.Mentions ?? [], null, null, null, at);
        return (new TryOutcome(chatId, userId, text, at, known, state, RuleEngine.Pipeline(scanner).Evaluate(message, state, at)), []);
    }
}
