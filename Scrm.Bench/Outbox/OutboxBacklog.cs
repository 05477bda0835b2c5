using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Outbox;

/// <summary>Where each durable handler stands against the newest outbox row, read from the ledger's table.</summary>
internal static class OutboxBacklog
{
    public static async Task<(long Newest, Dictionary<string, long> Behind)> ReadAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var newest = await RawSqlite.ScalarAsync<long>(connection, "SELECT IFNULL(MAX(Id), 0) FROM OutboxMessages");
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Handler, Position FROM HandlerCheckpoints ORDER BY Handler";
        var behind = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) behind[reader.GetString(0)] = newest - reader.GetInt64(1);
        return (newest, behind);
    }

    public static async Task<string> DescribeAsync(string connectionString)
    {
        var (newest, behind) = await ReadAsync(connectionString);
        return $"newest #{newest}; " + string.Join(", ", behind.Select(b => $"{b.Key} {b.Value} behind"));
    }

    /// <summary>Waits (at most <paramref name="limit"/>) until <paramref name="handler"/> has reached the newest row; returns the time it took.</summary>
    public static async Task<TimeSpan> DrainedAsync(string connectionString, string handler, TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit && (await ReadAsync(connectionString)).Behind.GetValueOrDefault(handler) > 0)
            await Task.Delay(50);
        return waited.Elapsed;
    }
}
