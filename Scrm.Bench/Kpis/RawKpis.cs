using Microsoft.Data.Sqlite;
using Scrm.App;

namespace Scrm.Bench.Kpis;

/// <summary>
/// The anchor: the dashboard's ticket-table figures computed straight from Tickets, as a plain query would — totals,
/// open backlog, resolution durations (median/p90 exact, in memory), per day, per place and type, per hour. First
/// response, arrival and first-time fix need the timeline as well and are left out, so the anchor is a lower bound.
/// </summary>
internal sealed class RawKpis(string connectionString, BusinessClock clock)
{
    public const int Queries = 5;

    public sealed record Figures(long New, long Closed, long Open, double? MedianMinutes, double? P90Minutes);

    public async Task<Figures> LoadAsync(DateOnly from, DateOnly to, string? region)
    {
        var start = clock.StartOfDay(new DateTimeOffset(from.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8))).UtcTicks;
        var end = clock.StartOfDay(new DateTimeOffset(to.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8))).AddDays(1).UtcTicks;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var where = region is null ? "" : " AND Region = @region";
        long newCount = 0, closed = 0, open = 0;
        await Read(connection, $"""
            SELECT SUM(CASE WHEN CreatedAt >= @start AND CreatedAt < @end THEN 1 ELSE 0 END),
                   SUM(CASE WHEN ClosedAt >= @start AND ClosedAt < @end THEN 1 ELSE 0 END),
                   SUM(CASE WHEN Status NOT IN ('Closed', 'Cancelled') THEN 1 ELSE 0 END)
            FROM Tickets WHERE (CreatedAt < @end){where}
            """, r => (newCount, closed, open) = (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1), r.IsDBNull(2) ? 0 : r.GetInt64(2)));
        var durations = new List<double>();
        await Read(connection, $"SELECT ResolvedAt - CreatedAt FROM Tickets WHERE ResolvedAt >= @start AND ResolvedAt < @end{where}",
            r => durations.Add(r.GetInt64(0) / (double)TimeSpan.TicksPerMinute));
        await Read(connection, $"SELECT CreatedAt / {TimeSpan.TicksPerDay}, COUNT(*) FROM Tickets WHERE CreatedAt >= @start AND CreatedAt < @end{where} GROUP BY 1", _ => { });
        await Read(connection, $"SELECT Region, City, Type, COUNT(*) FROM Tickets WHERE CreatedAt >= @start AND CreatedAt < @end{where} GROUP BY Region, City, Type", _ => { });
        await Read(connection, $"SELECT (CreatedAt / {TimeSpan.TicksPerHour}) % 168, COUNT(*) FROM Tickets WHERE CreatedAt >= @start AND CreatedAt < @end{where} GROUP BY 1", _ => { });
        durations.Sort();
        double? At(double q) => durations.Count == 0 ? null : durations[(int)Math.Min(durations.Count - 1, Math.Ceiling(q * durations.Count) - 1)];
        return new Figures(newCount, closed, open, At(0.5), At(0.9));

        async Task Read(SqliteConnection c, string sql, Action<SqliteDataReader> row)
        {
            await using var command = c.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("@start", start);
            command.Parameters.AddWithValue("@end", end);
            if (region is not null) command.Parameters.AddWithValue("@region", region);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) row(reader);
        }
    }
}
