using System.Text.RegularExpressions;
using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.Policy;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>
/// 到岗即入；群成员一律实名制. A poster not on the group's roster joins it (so later notices ask them too) and the owner
/// is told; that happens once, since the next post finds them on the roster. A poster whose display name is not their
/// real name gets a private nudge to change their group nickname: with <see cref="GroupPolicy.NamePattern"/> set (parent
/// groups: 学生姓名+爸爸/妈妈) the name must match it, else it must be their directory name. The nudge comes on a
/// member's first post after a quiet spell (none of theirs in the recent history), not on every post.
/// </summary>
public sealed class RosterRule : IRule
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public string Name => "roster";

    public RuleMode DefaultMode => RuleMode.Enforce;

    public RuleResult Evaluate(InboundMessage message, GroupState state, DateTimeOffset now)
    {
        if (!MemberPosts.IsMemberPost(message)) return RuleResult.Pass(Name, MemberPosts.NotAPost(message));

        var sender = message.SenderId;
        var details = new List<Explanation>(2);
        var effects = new List<Effect>();
        if (!state.Group.Members.Contains(sender, StringComparer.Ordinal)) Newcomer(message, state, details, effects);
        Nickname(message, state, details, effects);

        var hit = effects.Count > 0;
        Explanation detail = details.Count > 0 ? Explanation.Join("; ", details) : $"{state.Who(sender)} on the roster as {state.NameOf(sender)}";
        return new RuleResult(hit ? Verdict.Hit(Name, detail) : Verdict.Pass(Name, detail), effects);
    }

    private void Newcomer(InboundMessage message, GroupState state, List<Explanation> details, List<Effect> effects)
    {
        var sender = message.SenderId;
        var name = state.People.TryGetValue(sender, out var person) && person.Name.Length > 0 ? person.Name
            : message.SenderName.Length > 0 ? message.SenderName
            : sender;
        effects.Add(new AddToRoster(sender, name));

        var owner = state.Group.Owner;
        if (string.IsNullOrEmpty(owner) || string.Equals(owner, sender, StringComparison.Ordinal))
        {
            details.Add($"{new Who(sender, name)} ({name}) not on the roster, added; no owner to tell");
            return;
        }

        var known = person is null ? "，通讯录中未找到此人" : $"，通讯录：{person.Department}";
        var text = $"群「{state.Group.Name}」有新成员发言：{name}（{sender}{known}），已加入本群名册。"
            + "按照“到岗即入，离职即删；群成员一律实名制”，请核实其身份。";
        effects.Add(new SendPrivate([owner], text, $"{Name}: {sender} added to the roster"));
        details.Add($"{new Who(sender, name)} ({name}) not on the roster, added, owner {state.Who(owner)} told");
    }

    private void Nickname(InboundMessage message, GroupState state, List<Explanation> details, List<Effect> effects)
    {
        var shown = message.SenderName.Trim();
        if (shown.Length == 0) return;

        var sender = message.SenderId;
        var pattern = state.Policy.NamePattern;
        Explanation? wrong;
        string ask;
        if (pattern.Length > 0)
        {
            bool fits;
            try
            {
                fits = Regex.IsMatch(shown, pattern, RegexOptions.CultureInvariant, PatternTimeout);
            }
            catch (ArgumentException invalid)
            {
                details.Add($"NamePattern {pattern} is not a valid expression: {invalid.Message}");
                return;
            }
            catch (RegexMatchTimeoutException)
            {
                details.Add($"NamePattern {pattern} took over {PatternTimeout.TotalMilliseconds} ms on 「{shown}」");
                return;
            }

            wrong = fits ? null : (Explanation)$"nickname 「{shown}」 does not match {pattern}";
            ask = "请按本群命名规则修改群昵称（如：学生姓名+爸爸/妈妈）";
        }
        else if (state.People.TryGetValue(sender, out var person) && person.Name.Length > 0)
        {
            wrong = string.Equals(shown, person.Name, StringComparison.Ordinal) ? null : (Explanation)$"nickname 「{shown}」 is not the directory name 「{person.Name}」";
            ask = $"请将群昵称改为您的真实姓名「{person.Name}」";
        }
        else
        {
            return;
        }

        if (wrong is null) return;
        var recentlyPosted = state.RecentPosts.Any(post => string.Equals(post.SenderId, sender, StringComparison.Ordinal));
        if (recentlyPosted)
        {
            details.Add($"{wrong}; already nudged at an earlier post in this spell");
            return;
        }

        var text = $"{state.NameOf(sender)}您好，本群成员一律实名制，您的群昵称「{shown}」不符合要求，{ask}，谢谢配合。";
        effects.Add(new SendPrivate([sender], text, $"{Name}: {wrong}"));
        effects.Add(new RecordViolation(Name, "nickname", wrong, Strike: false));
        details.Add($"{wrong}, nudged");
    }
}
