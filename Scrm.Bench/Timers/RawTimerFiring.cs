using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Timers;

/// <summary>
/// The baseline: the worker's statements in raw SQLite on one connection — claim a batch with one UPDATE, read it
/// back, then mark it fired and write one audit row per timer in one transaction — without EF, the write path or DI.
/// </summary>
internal static class RawTimerFiring
{
    public static async Task<TimeSpan> FireAllAsync(string connectionString, string kind, int batchSize)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var started = Stopwatch.GetTimestamp();
        for (var pass = 0; ; pass++)
        {
            var claim = $"raw {pass}";
            var now = DateTimeOffset.UtcNow.UtcTicks;
            await ExecuteAsync(connection, null, """
                UPDATE DueTimers SET ClaimedBy = $claim, ClaimedUntil = $until
                WHERE Id IN (SELECT Id FROM DueTimers
                             WHERE FiredAt IS NULL AND CancelledAt IS NULL AND DueAt <= $now AND Attempts < 5
                               AND (ClaimedUntil IS NULL OR ClaimedUntil <= $now) AND Kind = $kind
                             ORDER BY DueAt, Id LIMIT $size)
                """, ("$claim", claim), ("$until", now + TimeSpan.TicksPerSecond * 30), ("$now", now), ("$kind", kind), ("$size", batchSize));
            var claimed = await ClaimedAsync(connection, claim);
            if (claimed.Count == 0) break;
            await using var tx = connection.BeginTransaction();
            await ExecuteAsync(connection, tx, "UPDATE DueTimers SET FiredAt = $now WHERE ClaimedBy = $claim AND FiredAt IS NULL",
                ("$now", DateTimeOffset.UtcNow.UtcTicks), ("$claim", claim));
            foreach (var (key, due) in claimed)
                await ExecuteAsync(connection, tx, """
                    INSERT INTO AuditEntries (At, UserId, UserName, Entity, EntityId, Action) VALUES ($at, 'bench', '定时器压测', 'TimerEffect', $key, $kind)
                    """, ("$at", due), ("$key", key), ("$kind", kind));
            await tx.CommitAsync();
        }
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<List<(string Key, long Due)>> ClaimedAsync(SqliteConnection connection, string claim)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT Key, DueAt FROM DueTimers WHERE ClaimedBy = $claim AND FiredAt IS NULL ORDER BY DueAt, Id";
        read.Parameters.AddWithValue("$claim", claim);
        var claimed = new List<(string, long)>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync()) claimed.Add((reader.GetString(0), reader.GetInt64(1)));
        return claimed;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
