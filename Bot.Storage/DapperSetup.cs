using System.Data;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Dapper;

namespace Bot.Storage;

/// <summary>
/// Teaches Dapper the one conversion it lacks: Npgsql reads <c>timestamptz</c> as a UTC <see cref="DateTime"/>, and writes
/// a <see cref="DateTimeOffset"/> only when its offset is zero, while our instants may carry a zone's offset (+08:00).
/// </summary>
internal static class DapperSetup
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Every store needs the handler before its first query; no caller should have to remember it.")]
    internal static void Configure()
    {
        // Dapper consults its built-in type map before any handler when it binds a parameter, so without removing
        // DateTimeOffset from the map the handler only ever reads: a +08:00 deadline (the default explanation deadline,
        // end of the next day in the group's zone) reached Npgsql as it was and threw, killing the timer worker.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            _ => throw new DataException($"cannot read {value.GetType().Name} as an instant"),
        };
    }
}
