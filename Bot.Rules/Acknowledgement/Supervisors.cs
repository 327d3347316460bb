using Bot.Rules.State;

namespace Bot.Rules.Acknowledgement;

/// <summary>Who hears of a member who stayed silent.</summary>
internal static class Supervisors
{
    /// <summary>
    /// The member's supervisor; the group owner when the member or their supervisor is not in the directory (a head
    /// who left is deleted from it: 离职即删), when there is none, or when it is the member.
    /// </summary>
    public static string? Of(string member, GroupState state) =>
        state.People.TryGetValue(member, out var person) && person.Supervisor is { } supervisor
            && supervisor != member && state.People.ContainsKey(supervisor)
            ? supervisor
            : state.Group.Owner;
}
