using System.Globalization;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>
/// What a member can ask the bot by @-mentioning it: 「帮助」 (everyone: how the bot works); for a notice's issuer, the
/// group owner, an administrator or the principal, and for the 组长 of anyone in the group, 「统计」 (counts and reply rate
/// of the latest notice) and 「未回复」 (who has not replied, with their 组长); for the first three, 「撤销」 (withdraw the
/// latest live notice). 「统计 #12」 and 「未回复 #12」 pick notice #12. Each command is known by the ways teachers ask
/// (「统计一下」「谁还没回复？」「help」). The whole text must be the command, so a sentence that happens to contain
/// 「统计」 is left alone. Anyone else asking gets a short private answer saying who may, never silence.
/// </summary>
public sealed class CommandRule : IRule
{
    public const string RuleName = "commands";

    public enum Command { Progress, Pending, Cancel, Help }

    /// <summary>A command as typed: which, the word used, and the notice it names (「统计 #12」), if any.</summary>
    public sealed record Request(Command Command, string Word, long? NoticeId);

    // Longest first, so that 「未回复名单」 is not read as 「未回复」 followed by something else.
    private static readonly (string Word, Command Command)[] Words = new (string Word, Command Command)[]
    {
        ("统计", Command.Progress), ("统计一下", Command.Progress), ("查看统计", Command.Progress), ("查统计", Command.Progress),
        ("回复统计", Command.Progress), ("统计回复", Command.Progress), ("回复情况", Command.Progress), ("查看回复情况", Command.Progress),
        ("未回复", Command.Pending), ("未回复名单", Command.Pending), ("谁没回复", Command.Pending), ("谁还没回复", Command.Pending),
        ("谁未回复", Command.Pending), ("哪些人没回复", Command.Pending), ("还有谁没回复", Command.Pending), ("查看未回复", Command.Pending),
        ("撤销", Command.Cancel), ("撤销通知", Command.Cancel), ("撤回通知", Command.Cancel),
        ("帮助", Command.Help), ("帮助一下", Command.Help), ("help", Command.Help), ("怎么用", Command.Help), ("使用说明", Command.Help),
    }.OrderByDescending(w => w.Word.Length).ToArray();

    public string Name => RuleName;

    public RuleMode DefaultMode => RuleMode.Enforce;

    /// <summary>The command <paramref name="text"/> is, or <c>null</c>: the word alone, or 统计/未回复 with a notice number.</summary>
    public static Request? Parse(string text)
    {
        var folded = ReplyText.Fold(Mentions.Strip(text, []));
        foreach (var (word, command) in Words)
        {
            if (!folded.StartsWith(word, StringComparison.Ordinal)) continue;
            var rest = folded[word.Length..];
            var name = NameOf(command);
            if (rest.Length == 0) return new(command, name, null);
            return command is Command.Progress or Command.Pending && rest.Length <= 12 && rest.All(char.IsAsciiDigit)
                && long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new(command, name, id)
                : null;
        }

        return null;
    }

    private static string NameOf(Command command) => command switch
    {
        Command.Progress => "统计",
        Command.Pending => "未回复",
        Command.Cancel => "撤销",
        _ => "帮助",
    };

    /// <summary>
    /// Whether judging <paramref name="text"/> needs notices no longer tracked (<see cref="GroupState.PastNotices"/>), and
    /// which: storage reads them only for these messages. <c>null</c>: none.
    /// </summary>
    public static (bool Latest, long? NoticeId)? Asks(string text) =>
        Parse(text) is { Command: Command.Progress or Command.Pending } request ? (true, request.NoticeId) : null;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!message.IsGroup) return RuleResult.Pass(Name, "not a group message");
        if (Parse(message.Text) is not { } request) return RuleResult.Pass(Name, "not a command");
        if (request.Command == Command.Help) return Hit($"「{request.Word}」: the command list", Answer(message, HelpText(state), "commands: 帮助"));

        var sender = message.SenderId;
        var live = Notices.Live(state, message.ChatId, now);
        var known = live.Concat(state.PastNotices.Where(p => p.ChatId == message.ChatId && p.Stage != NoticeStage.Cancelled && live.All(l => l.Id != p.Id)))
            .Where(n => n.PostedAt <= now)
            .OrderBy(n => n.PostedAt).ThenBy(n => n.Id)
            .ToList();
        var candidates = request.Command == Command.Cancel ? live : known;
        // An issuer asking about "the latest notice" means their own, even when a colleague has posted since.
        var target = request.NoticeId is { } id ? known.FirstOrDefault(n => n.Id == id)
            : candidates.LastOrDefault(n => n.IssuerId == sender) ?? candidates.LastOrDefault();

        var role = RoleOf(sender, target ?? known.LastOrDefault(n => n.IssuerId == sender), state)
            ?? (request.Command != Command.Cancel && Supervises(sender, state) ? "supervisor" : null);
        if (role is null) return Refuse(message, state, request);

        return (request.Command, target) switch
        {
            (_, null) when request.NoticeId is { } missing => Hit($"「{request.Word}」 from {role}: no notice #{missing} in this group",
                Answer(message, string.Create(CultureInfo.InvariantCulture, $"本群没有编号为 #{missing} 的通知。"), $"commands: {request.Word}")),
            (Command.Cancel, null) => Hit($"「{request.Word}」 from {role}: no live notice", Answer(message, "当前没有可撤销的通知。", "commands: 撤销")),
            (_, null) => Hit($"「{request.Word}」 from {role}: no notice yet", Answer(message, "本群还没有需要回复的通知。", $"commands: {request.Word}")),
            (Command.Cancel, _) => Hit($"「{request.Word}」 from {role}: notice #{target.Id} cancelled",
                new CancelNotice(target.Id, sender, now),
                Answer(message, $"已撤销通知「{Wording.Short(target.Text)}」，不再提醒，请大家以最新通知为准。", "commands: 撤销")),
            _ => Report(message, state, target, request, role),
        };
    }

    /// <summary>The asker's standing for <paramref name="notice"/>: its issuer, the owner, an administrator or principal, or none.</summary>
    private static string? RoleOf(string sender, NoticeState? notice, GroupState state) =>
        notice?.IssuerId == sender ? "issuer"
        : sender == state.Group.Owner ? "owner"
        : state.People.TryGetValue(sender, out var person) && (person.IsAdmin || person.IsPrincipal) ? person.Role!.ToLowerInvariant()
        : null;

    /// <summary>Whether <paramref name="sender"/> is the 组长 of a member of the group: they may follow its notices.</summary>
    private static bool Supervises(string sender, GroupState state) =>
        state.Group.Members.Any(m => m != sender && state.People.TryGetValue(m, out var member) && member.Supervisor == sender);

    private RuleResult Refuse(InboundMessage message, GroupState state, Request request)
    {
        var owner = state.Group.Owner is { } id ? $"（本群群主：{state.NameOf(id)}）" : "";
        var who = request.Command == Command.Cancel ? "通知发布人、群主和管理员" : "通知发布人、群主、管理员、校长和本群老师的负责人";
        var text = $"{state.NameOf(message.SenderId)}您好：「{request.Word}」仅限{who}使用{owner}。发送「@{state.Policy.BotName} 帮助」可查看使用说明。";
        return Hit($"「{request.Word}」 from {state.NameOf(message.SenderId)}, who is neither the notice's issuer, the owner, an administrator nor a supervisor here: told privately who may",
            new SendPrivate([message.SenderId], text, $"commands: {request.Word} refused", Urgent: true));
    }

    private RuleResult Report(InboundMessage message, GroupState state, NoticeState notice, Request request, string role)
    {
        var progress = NoticeProgress.Of(notice, state);
        Explanation detail =
            $"「{request.Word}」 from {role}: notice #{notice.Id} ({notice.Stage}), {progress.OnTime.Count} on time, {progress.Late.Count} late, {progress.Explained.Count} explained, {progress.Pending.Count} pending of {notice.Duties.Count}";
        var text = request.Command == Command.Pending ? progress.PendingText(notice, state) : progress.CountsText(notice, state);
        return Hit(detail, Answer(message, text, $"commands: {request.Word}"));
    }

    /// <summary>The command list; also the 智能机器人's greeting when someone opens a chat with it.</summary>
    public static string HelpText(GroupState state)
    {
        var at = state.Group.MentionRequired ? $"@{state.Policy.BotName} " : "";
        return $"""
            【{state.Policy.BotName}使用说明】
            1. 发布需要回复的通知时，请在文末注明「收到请回复：{Wording.Exclaimed(state.Policy.AckPhrase)}」。我会记录大家的回复，回复时限{Wording.Duration(state.Policy.ReplyWindow)}（不计休息时间），到时提醒尚未回复的老师；
            2. 回复通知请发送「{at}{Wording.Exclaimed(state.Policy.AckPhrase)}」，{(state.Group.MentionRequired ? "一定要@我，否则我看不到；" : "")}只回复「收到」「好的」不能登记；
            3. 不需要回复的通知，请在文末注明「此条信息不必回复！」，我不作跟踪；
            4. {at}统计：最近一条通知的回复人数和回复率；{at}未回复：尚未回复的名单（含负责人）；在后面加通知编号可查指定通知，如「统计 #12」；
            5. {at}撤销：撤销最近一条通知，不再提醒；
            6. {at}帮助：查看本说明。
            第4条限通知发布人、群主、管理员、校长和本群老师的负责人使用，第5条限通知发布人、群主和管理员使用。
            """;
    }

    /// <summary>A direct answer to the command, in the conversation it was asked in (see <see cref="PostToGroup.AnswersMessage"/>).</summary>
    private static PostToGroup Answer(InboundMessage message, string text, string reason) => new(message.ChatId, text, [], reason, AnswersMessage: true);

    private RuleResult Hit(Explanation detail, params Effect[] effects) => RuleResult.Hit(Name, detail, effects);
}
