using Bot.Host.Wording;
using Dapper;
using Npgsql;

namespace Bot.Host.Dashboard;

/// <summary>The names of the people and groups one page mentions, read at once before the page is rendered.</summary>
public sealed class NameBook(IReadOnlyDictionary<string, string> people, IReadOnlyDictionary<string, string> groups) : INames
{
    public static async Task<NameBook> LoadAsync(NpgsqlDataSource dataSource, IEnumerable<string> userIds, IEnumerable<string> chatIds, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var people = (await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition(
            "SELECT user_id, name FROM people WHERE user_id = ANY(@ids)", new { ids = userIds.Distinct().ToArray() }, cancellationToken: ct)))
            .ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var groups = (await connection.QueryAsync<(string Id, string Name)>(new CommandDefinition(
            "SELECT chat_id, name FROM groups WHERE chat_id = ANY(@ids)", new { ids = chatIds.Distinct().ToArray() }, cancellationToken: ct)))
            .ToDictionary(g => g.Id, g => g.Name, StringComparer.Ordinal);
        return new NameBook(people, groups);
    }

    /// <summary>The directory name; someone not in the directory by their user id.</summary>
    public string Person(string userId) => people.TryGetValue(userId, out var name) && name.Length > 0 ? name : userId;

    /// <summary>The group's name; an unnamed group by its chat id.</summary>
    public string Group(string chatId) => groups.TryGetValue(chatId, out var name) && name.Length > 0 ? name : chatId;
}
