using Microsoft.Data.SqlClient;

namespace Scrm.App.Data;

/// <summary>
/// SQL Server picks one of two transactions that wait on each other's locks and rolls it back (error 1205). Nothing of
/// it was kept, so the whole operation can simply run again; only when it keeps losing does the caller hear of it.
/// SQLite never deadlocks here: the write gate orders its writers.
/// </summary>
public static class SqlServerDeadlock
{
    public const int ErrorNumber = 1205;

    /// <summary>Whether <paramref name="e"/>, or what it wraps (EF wraps it in DbUpdateException), is a deadlock victim.</summary>
    public static bool IsVictim(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqlException { Number: ErrorNumber }) return true;
        return false;
    }

    /// <summary>
    /// Runs <paramref name="operation"/>, again after a short random pause each time it was a deadlock victim, up to
    /// <paramref name="tries"/> times; then throws what <paramref name="busy"/> makes, an error a user can act on.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> operation, int tries, Func<Exception> busy, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (IsVictim(e))
            {
                if (attempt >= tries) throw busy();
                // Random, so that the two who collided do not collide again in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), ct);
            }
        }
    }
}
