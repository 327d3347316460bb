using Bot.Rules.Policy;
using Bot.Rules.State;
using Bot.Rules.Pipeline;

namespace Bot.Rules.Acknowledgement;

/// <summary>Who may issue, who is named, in what order people are listed.</summary>
internal static class Roster
{
    private static readonly string[] Everyone = ["所有人", "all", "全体成员"];

    public static bool MayIssue(string userId, GroupState state) => state.Policy.Issuers switch
    {
        IssuerScope.Anyone => true,
        IssuerScope.Owner => userId == state.Group.Owner,
        IssuerScope.Listed => userId == state.Group.Owner || state.Group.Issuers.Contains(userId),
        _ => false,
    };

    public static Explanation DescribeScope(GroupState state) => state.Policy.Issuers switch
    {
        IssuerScope.Owner => "only the group owner may issue",
        IssuerScope.Listed => (Explanation)$"only the owner and {state.Group.Issuers.Count} listed issuers may issue",
        _ => "anyone may issue",
    };

    /// <summary>The @-mentions that name nobody on the roster, as a verdict's last words; nothing when there are none.</summary>
    public static Explanation Unresolved(IReadOnlyList<string> unresolved) =>
        unresolved.Count == 0 ? "" : (Explanation)$", unresolved mentions: {string.Join(", ", unresolved.Select(u => "@" + u))}";

    /// <summary>
    /// Resolves @-mentions (display names or user ids, as written) against the roster, in roster order.
    /// <paramref name="everyone"/> is set by 「@所有人」, which names nobody in particular.
    /// </summary>
    public static (List<string> Members, List<string> Unresolved, bool Everyone) Resolve(IReadOnlyList<string> mentions, GroupState state)
    {
        var unresolved = new List<string>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var everyone = false;
        if (mentions.Count == 0) return ([], unresolved, everyone);

        var byKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in state.Group.Members) byKey.TryAdd(member, member);
        foreach (var member in state.Group.Members) byKey.TryAdd(state.NameOf(member), member);

        foreach (var mention in mentions)
        {
            var key = mention.Trim();
            if (Everyone.Contains(key, StringComparer.OrdinalIgnoreCase)) everyone = true;
            else if (byKey.TryGetValue(key, out var member)) found.Add(member);
            else unresolved.Add(key);
        }

        return (InRosterOrder(found, state), unresolved, everyone);
    }

    /// <summary>The given user ids in roster order; anyone not on the roster follows, in the order given.</summary>
    public static List<string> InRosterOrder(IEnumerable<string> userIds, GroupState state)
    {
        var wanted = userIds.Distinct(StringComparer.Ordinal).ToList();
        var set = new HashSet<string>(wanted, StringComparer.Ordinal);
        var ordered = new List<string>(wanted.Count);
        foreach (var member in state.Group.Members)
        {
            if (set.Remove(member)) ordered.Add(member);
        }

        ordered.AddRange(wanted.Where(set.Contains));
        return ordered;
    }
}
