using Dapper;
using Npgsql;

namespace Bot.Tests.Support;

/// <summary>Directory and groups written straight into a database, as the admin API would, for hosts running as processes.</summary>
public static class Seed
{
    public static async Task PeopleAsync(string connectionString, DateTimeOffset now, params (string UserId, string Name)[] people)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        foreach (var (userId, name) in people)
            await connection.ExecuteAsync("""
                INSERT INTO people (user_id, name, department, updated_at) VALUES (@userId, @name, '教研组', @now)
                ON CONFLICT (user_id) DO NOTHING
                """, new { userId, name, now = now.ToUniversalTime() });
    }

    public static async Task GroupAsync(string connectionString, string chatId, string webhookKey, string issuer, IReadOnlyList<string> members,
        string policyJson, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO groups (chat_id, name, webhook_key, owner, issuers, policy, updated_at) VALUES (@chatId, @chatId, @webhookKey, @issuer, @issuers, @policyJson::jsonb, @now)
            """, new { chatId, webhookKey, issuer, issuers = new[] { issuer }, policyJson, now = now.ToUniversalTime() });
        foreach (var member in members)
            await connection.ExecuteAsync("INSERT INTO group_members (chat_id, user_id, source, added_at) VALUES (@chatId, @member, 'admin', @now)",
                new { chatId, member, now = now.ToUniversalTime() });
    }
}
