using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Npgsql;

namespace Bot.Storage;

/// <summary>
/// Statements sent to PostgreSQL together, in one round trip, and executed in order in the caller's transaction. On
/// this kind of machine a round trip costs more than a simple statement, so a decision's writes (or a whole batch of
/// decisions' writes) go out as one. Parameters are named as in Dapper (<c>@name</c>, read from an object's properties).
/// </summary>
public sealed class SqlBatch
{
    private readonly List<NpgsqlBatchCommand> _commands = [];

    public int Count => _commands.Count;

    public void Add(string sql, object? args = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        if (args is not null)
            foreach (var (name, read) in Readers(args.GetType())) command.Parameters.Add(new NpgsqlParameter(name, ToDatabase(read(args))));
        _commands.Add(command);
    }

    /// <summary>Runs every statement added so far, in order, and empties the batch.</summary>
    public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (_commands.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in _commands) batch.BatchCommands.Add(command);
        _commands.Clear();
        await batch.ExecuteNonQueryAsync(ct);
    }

    // What Dapper does for us elsewhere: instants go as UTC (timestamptz takes no other offset), lists as arrays.
    private static object ToDatabase(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.UtcDateTime,
        string text => text,
        Enum named => named.ToString(),
        IEnumerable<string> texts => texts.ToArray(),
        IEnumerable and not Array => throw new ArgumentException($"cannot pass a {value.GetType().Name} as a parameter"),
        _ => value,
    };

    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Read)[]> ReadersByType = new();

    private static (string Name, Func<object, object?> Read)[] Readers(Type type) => ReadersByType.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.Name, (Func<object, object?>)p.GetValue))
            .ToArray());
}
