using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Scrm.App.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file, off the writer loop. Left to SQLite, the commit that
/// takes the log past 1,000 pages checkpoints it there and then, fsyncs included: one group commit in ~28 took 5–12 ms
/// instead of 0.1–0.5, together ~60 % of the loop's commit time (docs/benchmarks.md). So every connection turns
/// automatic checkpoints off (<see cref="Interceptors.SqlitePragmaInterceptor"/>) and this worker runs a PASSIVE
/// checkpoint twice a second on its own connection: it copies what no reader still needs and never waits for, nor
/// holds up, the writer. The next write after a complete checkpoint starts the log from its beginning again.
/// </summary>
public sealed class WalCheckpointer(IDbContextFactory<ScrmDbContext> dbFactory, ILogger<WalCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    /// <summary>Pages in the log after the last checkpoint, and how many of them it copied to the database file.</summary>
    public readonly record struct Pass(long LogPages, long CopiedPages);

    private long _passes;

    /// <summary>Checkpoints this worker has run so far.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await CheckpointAsync(stop);
                    Interlocked.Increment(ref _passes);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The log only grows until the next pass succeeds; nothing written is at risk.
                    log.LogWarning(e, "A WAL checkpoint failed; the next one follows in {Every}.", Every);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One PASSIVE checkpoint; on a database without a log (in memory, SQL Server) it does nothing.</summary>
    public async Task<Pass> CheckpointAsync(CancellationToken ct = default)
    {
        if (await ConnectionStringAsync(ct) is not { } connectionString) return default;
        // A connection of its own, not a pooled context's: it only reads the log and copies pages, never writes rows.
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(ct);
        // (busy, log, checkpointed); -1 for both counts when the database is not in WAL mode.
        return await reader.ReadAsync(ct) && reader.GetInt64(1) >= 0 ? new Pass(reader.GetInt64(1), reader.GetInt64(2)) : default;
    }

    private string? _connectionString;

    private async Task<string?> ConnectionStringAsync(CancellationToken ct)
    {
        if (_connectionString is not null) return _connectionString;
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return _connectionString = db.Database.GetDbConnection() is SqliteConnection { DataSource: not ("" or ":memory:") } ? db.Database.GetConnectionString() : null;
    }
}
