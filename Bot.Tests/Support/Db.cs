using Dapper;
using Npgsql;

namespace Bot.Tests.Support;

/// <summary>Reads the database as an operator would, to see what the bot recorded.</summary>
public static class Db
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(string connectionString, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    public static Task<long> CountInboundAsync(string connectionString) =>
        ScalarAsync<long>(connectionString, "SELECT count(*) FROM inbound_messages");
}
