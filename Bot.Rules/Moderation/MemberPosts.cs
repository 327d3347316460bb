using Bot.Rules.Messages;
using Bot.Rules.Pipeline;
using Bot.Rules.State;

namespace Bot.Rules.Moderation;

/// <summary>What the moderation rules have in common: which messages they judge, and who is who.</summary>
internal static class MemberPosts
{
    /// <summary>
    /// A member's post in a group: what the group's rules govern. Direct chats with the bot, events, stream refreshes
    /// and unknown kinds are not posts.
    /// </summary>
    public static bool IsMemberPost(InboundMessage message) =>
        message.IsGroup && message.Kind is MessageKind.Text or MessageKind.Image or MessageKind.Mixed
            or MessageKind.Voice or MessageKind.File or MessageKind.Attachment;

    public static Explanation NotAPost(InboundMessage message) =>
        message.IsGroup ? $"not a member's post ({message.RawKind})" : "not a group post";

    /// <summary>
    /// The user id an @-mention refers to. Mentions arrive as written, a user id or a display name: a known id stays,
    /// a directory name becomes its id, anything else is kept as written (it may still be an id the directory lacks).
    /// </summary>
    public static string ResolveMention(string mention, GroupState state)
    {
        if (state.People.ContainsKey(mention)) return mention;
        foreach (var person in state.People.Values)
        {
            if (person.Name.Length > 0 && string.Equals(person.Name, mention, StringComparison.Ordinal)) return person.UserId;
        }

        return mention;
    }

    /// <summary>The recent posts of the group within <paramref name="window"/> before <paramref name="at"/>.</summary>
    public static IEnumerable<RecentPost> Within(GroupState state, DateTimeOffset at, TimeSpan window) =>
        state.RecentPosts.Where(post => post.At > at - window && post.At <= at);
}
