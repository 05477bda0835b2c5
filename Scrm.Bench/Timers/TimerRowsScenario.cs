using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Scrm.Bench.Flows;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Timers;

/// <summary>
/// CPU per row of a multi-row timer INSERT into the app's own DueTimers table (schema and indexes from its migrations),
/// 11 named parameters a row as <c>DueTimerRows</c> binds them, at several rows per statement: SQLite finds each named
/// parameter by a linear search of the statement's names, so binding grows with the square of the parameters (ADR 0041).
/// <c>--timers</c> rows per size and round, <c>--rows</c> the sizes, <c>--rounds</c> how often each is repeated.
/// </summary>
internal static class TimerRowsScenario
{
    public static async Task RunAsync(BenchOptions options)
    {
        var timers = options.Int("timers", 6000);
        var sizes = (options.Text("rows") ?? "1,4,16,50,150").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var rounds = options.Int("rounds", 3);
        Table.Machine("timerrows");
        await using var app = BenchApp.Start("timerrows", new Dictionary<string, string> { ["Demo:Seed"] = "false" });
        await using var connection = RawSqlite.Open(app.ConnectionString);
        var perRow = sizes.ToDictionary(s => s, _ => new List<double>());
        var next = 0;
        for (var round = 0; round < rounds; round++)
            foreach (var size in sizes)
            {
                var before = RepairBacklog.CpuMs();
                next = Insert(connection, timers, size, next);
                perRow[size].Add((RepairBacklog.CpuMs() - before) * 1000 / timers);
            }
        Table.Print($"CPU µs per timer row, {timers:N0} rows per size and round, {rounds} rounds (median · min · max)",
            ["rows per INSERT", "parameters per INSERT", "CPU µs per row"],
            sizes.Select(s => new[] { s.ToString(CultureInfo.InvariantCulture), (s * 11).ToString(CultureInfo.InvariantCulture), Spread(perRow[s]) }));
    }

    private static string Spread(List<double> values)
    {
        var sorted = values.Order().ToList();
        return $"{Table.N(sorted[sorted.Count / 2], "0.0")} · {Table.N(sorted[0], "0.0")} · {Table.N(sorted[^1], "0.0")}";
    }

    // Due in a century, so that the app's timer worker never takes one.
    private static int Insert(SqliteConnection connection, int timers, int size, int next)
    {
        using var tx = connection.BeginTransaction();
        for (var done = 0; done < timers; done += size)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            var sql = new StringBuilder("INSERT INTO DueTimers (Kind, Key, TicketId, Payload, DueAt, FiredAt, CancelledAt, ClaimedBy, ClaimedUntil, Attempts, LastError) VALUES ");
            for (var r = 0; r < Math.Min(size, timers - done); r++, next++)
            {
                object?[] values = ["sla", $"bench:{next}:standard:Resolution:0", next, """{"TicketId":1,"PolicyKey":"standard","Metric":"Resolution","Step":0}""",
                    DateTimeOffset.UtcNow.AddYears(100).UtcTicks, null, null, null, null, 0, null];
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < values.Length; c++)
                {
                    var name = "@p" + (r * values.Length + c).ToString(CultureInfo.InvariantCulture);
                    insert.Parameters.AddWithValue(name, values[c] ?? DBNull.Value);
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                }
                sql.Append(')');
            }
            insert.CommandText = sql.Append(';').ToString();
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        return next;
    }
}
