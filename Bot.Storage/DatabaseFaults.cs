using Npgsql;

namespace Bot.Storage;

/// <summary>Tells a database outage (try again later, nothing is wrong with the work) from a fault of the work itself.</summary>
public static class DatabaseFaults
{
    /// <summary>
    /// The database could not be reached or asked to be tried again (connection refused or cut, server shutting down or
    /// starting, deadlock, serialization failure, pool timeout): the same work succeeds later, so it waits, spools or
    /// answers 503. Anything else is the work's own fault and is isolated to the one item that caused it.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex is NpgsqlException { IsTransient: true } or TimeoutException;
}
