using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// What a notice's issuer, the group owner or an administrator can ask the bot by @-mentioning it: 「统计」/「未回复」
/// (progress of the latest notice), 「撤销」 (withdraw it), 「帮助」 (the list). The whole text must be the command, so
/// a sentence that happens to contain 「统计」 is left alone.
/// </summary>
public sealed class CommandRule : IRule
{
    public const string RuleName = "commands";

    private enum Command { Progress, Cancel, Help }

    private static readonly Dictionary<string, Command> Commands = new(StringComparer.Ordinal)
    {
        ["统计"] = Command.Progress,
        ["未回复"] = Command.Progress,
        ["撤销"] = Command.Cancel,
        ["帮助"] = Command.Help,
    };

    public string Name => RuleName;

    /// <summary>Whether <paramref name="text"/> is one of the commands, whoever sends it.</summary>
    public static bool IsCommand(string text) => Commands.ContainsKey(ReplyMatcher.Normalize(ReplyMatcher.WithoutMentions(text)));

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");

        var word = ReplyMatcher.Normalize(ReplyMatcher.WithoutMentions(message.Text));
        if (!Commands.TryGetValue(word, out var command)) return RuleResult.Pass(Name, "not a command");

        var sender = message.SenderId;
        var live = Notices.Live(state, message.ChatId, now);
        // An issuer asking about "the latest notice" means their own, even when a colleague has posted since.
        var own = live.LastOrDefault(n => n.IssuerId == sender);
        var latest = own ?? live.LastOrDefault();
        var role = own is not null ? "issuer"
            : sender == state.Group.Owner ? "owner"
            : state.People.TryGetValue(sender, out var person) && (person.IsAdmin || person.IsPrincipal) ? person.Role!.ToLowerInvariant()
            : null;
        if (role is null)
        {
            return RuleResult.Pass(Name, $"「{word}」 from {state.NameOf(sender)}, who is neither a notice's issuer, the owner nor an administrator");
        }

        return command switch
        {
            Command.Help => Hit($"「{word}」 from {role}: the command list", Post(message, HelpText(state), "commands: 帮助")),
            Command.Progress when latest is null => Hit($"「{word}」 from {role}: no live notice", Post(message, "当前没有需要回复的通知。", "commands: 统计")),
            Command.Progress => Progress(message, state, latest, word, role),
            Command.Cancel when latest is null => Hit($"「{word}」 from {role}: no live notice", Post(message, "当前没有可撤销的通知。", "commands: 撤销")),
            _ => Hit(string.Create(CultureInfo.InvariantCulture, $"「{word}」 from {role}: notice #{latest!.Id} cancelled"),
                new CancelNotice(latest.Id, sender, now),
                Post(message, $"已撤销通知「{Wording.Short(latest.Text)}」，不再提醒，请大家以最新通知为准。", "commands: 撤销")),
        };
    }

    private RuleResult Progress(InboundMessage message, GroupState state, NoticeState notice, string word, string role)
    {
        var progress = NoticeProgress.Of(notice, state);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"「{word}」 from {role}: notice #{notice.Id}, {progress.OnTime.Count} on time, {progress.Late.Count} late, {progress.Explained.Count} explained, {progress.Pending.Count} pending of {notice.Duties.Count}");
        return Hit(detail, Post(message, progress.Text(notice, state), "commands: 统计"));
    }

    private static string HelpText(GroupState state) =>
        $"""
        【群规助手使用说明】
        1. 发布需要回复的通知时，请在文末注明「收到请回复：{Wording.Exclaimed(state.Policy.AckPhrase)}」，我会记录大家的回复，并在{Wording.Duration(state.Policy.ReplyWindow)}后提醒尚未回复的老师；
        2. 不需要回复的通知，请在文末注明「此条信息不必回复！」，我不作跟踪；
        3. @我 发送「统计」或「未回复」：查看最近一条通知的回复情况；
        4. @我 发送「撤销」：撤销最近一条通知，不再提醒；
        5. @我 发送「帮助」：查看本说明。
        以上指令限通知发布人、群主和管理员使用。
        """;

    private static PostToGroup Post(InboundMessage message, string text, string reason) => new(message.ChatId, text, [], reason, AnswersMessage: true);

    private RuleResult Hit(string detail, params Effect[] effects) => RuleResult.Hit(Name, detail, effects);
}
