using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Timers;

/// <summary>Timers written straight into the table, as the app stores them, in one raw transaction.</summary>
internal static class TimerPrefill
{
    public static async Task InsertAsync(string connectionString, string kind, string keyPrefix, int count, DateTimeOffset dueAt)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var tx = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO DueTimers (Kind, Key, Payload, DueAt, Attempts) VALUES ($kind, $key, '{}', $due, 0)
            """;
        insert.Parameters.AddWithValue("$kind", kind);
        var key = insert.Parameters.Add("$key", Microsoft.Data.Sqlite.SqliteType.Text);
        var due = insert.Parameters.Add("$due", Microsoft.Data.Sqlite.SqliteType.Integer);
        for (var i = 0; i < count; i++)
        {
            key.Value = $"{keyPrefix}:{i}";
            // Spread over the hour after dueAt, so the index has a realistic range to skip.
            due.Value = dueAt.UtcTicks + TimeSpan.TicksPerMillisecond * (i % 3_600_000);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
