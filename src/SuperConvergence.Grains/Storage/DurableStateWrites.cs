using System.Data.Common;

namespace SuperConvergence.Grains.Storage;

/// <summary>
/// Grain state writes that outlast a database restart. A write that fails because the database is restarting or
/// briefly away (a transient driver error: PostgreSQL's 57P01 when `pg_ctl restart` terminates the connection,
/// connection refused while it starts) is tried again after a growing pause, for up to about a minute, inside the
/// grain's turn: the grain's state in memory stays the one that goes to storage, and its callers wait (or time out
/// and retry, which every caller here does) rather than act on a change that was never stored. Anything else — a
/// conflicting write, a database still away after the last try — is thrown as before.
/// </summary>
internal static class DurableStateWrites
{
    /// <summary>The pauses between tries: 0.25 s doubling to 8 s, about 60 s in all.</summary>
    private static readonly TimeSpan[] Pauses =
        [.. new[] { 0.25, 0.5, 1, 2, 4, 8, 8, 8, 8, 8, 8 }.Select(TimeSpan.FromSeconds)];

    public static async Task WriteDurablyAsync<T>(this IPersistentState<T> state)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (Exception e) when (attempt < Pauses.Length && IsTransient(e))
            {
                await Task.Delay(Pauses[attempt]);
            }
        }
    }

    /// <summary>Whether a failure (Orleans wraps the driver's exception) is the database being briefly unreachable.</summary>
    public static bool IsTransient(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
