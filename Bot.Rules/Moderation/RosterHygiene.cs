using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>The roster's side of the directory: 离职即删.</summary>
public static class RosterHygiene
{
    /// <summary>
    /// A person was deleted from the directory (app callback <c>change_contact</c>/<c>delete_user</c>). The bot cannot
    /// remove anyone from a group, so for each group whose roster still lists them, the group's owner is asked to.
    /// Groups not listing them are left out.
    /// </summary>
    /// <param name="userId">The deleted person's user id.</param>
    /// <param name="name">Their name as last known (the directory no longer has it); <c>null</c>: the id is shown.</param>
    /// <param name="groups">The groups to look through.</param>
    public static IReadOnlyList<GroupEffects> OnUserDeleted(string userId, string? name, IEnumerable<GroupInfo> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var shown = string.IsNullOrEmpty(name) ? userId : $"{name}（{userId}）";
        var results = new List<GroupEffects>();
        foreach (var group in groups.Where(g => g.Members.Contains(userId, StringComparer.Ordinal)))
        {
            var owner = group.Owner;
            if (string.IsNullOrEmpty(owner) || string.Equals(owner, userId, StringComparison.Ordinal))
            {
                results.Add(new GroupEffects(group.ChatId, Verdict.Hit("roster", $"{new Who(userId, name ?? userId)} deleted from the directory, still on the roster; no owner to tell"), []));
                continue;
            }

            var text = $"{shown}已从通讯录中删除，但仍在群「{group.Name}」的名册中。按照“到岗即入，离职即删”，请将其移出本群。";
            Explanation evidence = $"{new Who(userId, name ?? userId)} deleted from the directory, still on the roster of {group.ChatId}, owner {owner} told";
            results.Add(new GroupEffects(group.ChatId, Verdict.Hit("roster", evidence), [new SendPrivate([owner], text, $"roster: {userId} deleted")]));
        }

        return results;
    }
}

/// <summary>A decision about one group made outside a message of that group (a directory event, a timer).</summary>
public sealed record GroupEffects(string ChatId, Verdict Verdict, IReadOnlyList<Effect> Effects);
