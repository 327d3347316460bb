using System.Globalization;
using System.Text.Json;
using Bot.Host.Rules;
using Bot.Rules.Policy;
using Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Host.Sandbox;

/// <summary>
/// Seeds the demo school once (a group that already exists is left as the user changed it): 示范学校·全体教师群 with
/// 王主任 (owner, issues notices), six teachers under two supervisors, and 钱校长 the principal. Runs after the
/// migrations, which are registered (and so started) before it.
/// </summary>
public sealed class SandboxSeeder(NpgsqlDataSource dataSource, IOptions<SandboxOptions> options, RuleEngine engine, TimeProvider time,
    ILogger<SandboxSeeder> logger) : IHostedService
{
    public const string GroupName = "示范学校·全体教师群";

    public static readonly IReadOnlyList<PersonInput> People =
    [
        new("wang", "王主任", "教务处", "qian"),
        new("t1", "张老师", "语文组", "li"), new("t2", "陈老师", "语文组", "li"), new("t3", "刘老师", "语文组", "li"),
        new("t4", "黄老师", "数学组", "zhao"), new("t5", "周老师", "数学组", "zhao"), new("t6", "吴老师", "数学组", "zhao"),
        new("li", "李组长", "语文组", "qian"), new("zhao", "赵组长", "数学组", "qian"),
        new("qian", "钱校长", "校长室", null, "principal"),
    ];

    /// <summary>Supervisors and the principal are in the group but are not asked to reply to notices.</summary>
    private static readonly string[] Exempt = ["li", "zhao", "qian"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sandbox = options.Value;
        var policy = PolicyJson(sandbox);
        // Validated like any group's overrides, so a bad Sandbox:* value stops the host with its key named.
        Bot.Rules.Policy.PolicyJson.Merge(engine.DefaultPolicy, System.Text.Json.Nodes.JsonNode.Parse(policy)!.AsObject(), "Sandbox policy.");

        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await DirectoryEdits.TryCreateGroupAsync(connection, transaction, sandbox.ChatId, GroupName, "wang", sandbox.WebhookKey,
            ["wang", "li", "zhao", "qian"], policy, now, cancellationToken);
        if (!created)
        {
            logger.LogInformation("Sandbox: the demo group {ChatId} exists already; left as it is", sandbox.ChatId);
            return;
        }

        await DirectoryEdits.UpsertPeopleAsync(connection, transaction, People, now, cancellationToken);
        await DirectoryEdits.AddMembersAsync(connection, transaction, sandbox.ChatId, [.. People.Select(p => p.UserId)], now, cancellationToken);
        await AuditStore.WriteAsync(connection, transaction, now, "sandbox", "sandbox.seeded", $"group:{sandbox.ChatId}",
            new { members = People.Count, policy = JsonDocument.Parse(policy).RootElement }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Sandbox: seeded the demo group {ChatId} with {Count} members", sandbox.ChatId, People.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Short windows and no quiet hours, so the whole walk-through works at any hour within a minute or two.</summary>
    public static string PolicyJson(SandboxOptions sandbox) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["replyWindow"] = Format(sandbox.ReplyWindow),
        ["explanationWindow"] = Format(sandbox.ExplanationWindow),
        ["rectificationWindow"] = Format(sandbox.RectificationWindow),
        ["quietHours"] = Array.Empty<object>(),
        ["issuers"] = nameof(IssuerScope.Listed),
        ["exemptMembers"] = Exempt,
    }, Bot.Rules.Policy.PolicyJson.Options);

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
