using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.List;

/// <summary>
/// First page of the ticket list on a large table: TicketQueries.ListAsync (COUNT + page) against the same
/// request in hand-written SQL, calls interleaved so that both see the same machine noise. A third path runs the
/// exact SQL EF Core generates (recorded once, see <see cref="RecordingContexts"/>) through Microsoft.Data.Sqlite,
/// which splits EF's cost from the cost of its SQL's shape.
/// </summary>
internal static class ListScenario
{
    public const double TargetP95Ms = 5;

    public static async Task RunAsync(BenchOptions options)
    {
        var tickets = options.Int("tickets", 100_000);
        var iterations = options.Int("iterations", 400);
        var warmUpSeconds = options.Int("warmup", 8);
        Table.Machine("list");
        await using var fixture = await ListFixture.CreateAsync(tickets);
        Console.WriteLine($"App up (migrations + demo customers, technicians, users) in {fixture.App.StartupTime.TotalSeconds:0.0} s; " +
                          $"{tickets:N0} tickets bulk-loaded in {fixture.LoadTime.TotalSeconds:0.00} s " +
                          $"({tickets / fixture.LoadTime.TotalSeconds:N0} rows/s, one transaction, raw INSERT); database {fixture.App.DatabasePath}");

        // The SQL EF Core sends for each request, for the replay path and the plans.
        var recording = new RecordingContexts(fixture.App.Services, fixture.App.ConnectionString);
        var recordingQueries = recording.Create<TicketQueries>();
        var plans = new Dictionary<ListCase, CapturedCommand[]>();
        foreach (var c in ListCase.All) plans[c] = await recording.RecordAsync(() => c.EfAsync(recordingQueries));
        // Warm-up by time, all requests in turn: tiered JIT and dynamic PGO need a few seconds of calls before EF's
        // code runs at its final speed (a fixed count per case left ListAsync 2-3x slower than in a warm process).
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(warmUpSeconds))
            foreach (var c in ListCase.All)
            {
                await c.EfAsync(fixture.Queries);
                await RunCapturedAsync(fixture.App.ConnectionString, plans[c]);
                await c.RawAsync(fixture.App.ConnectionString);
            }

        var rows = new List<string[]>();
        foreach (var c in ListCase.All)
        {
            var ef = new Latencies();
            var efSql = new Latencies();
            var raw = new Latencies();
            var captured = plans[c];
            var (efTotal, efItems) = await c.EfAsync(fixture.Queries);
            var (rawTotal, rawItems) = await c.RawAsync(fixture.App.ConnectionString);
            if (efTotal != rawTotal || !efItems.Select(r => r.Id).SequenceEqual(rawItems.Select(r => r.Id)))
                throw new InvalidOperationException($"{c.Name}: EF returned {efTotal}/{efItems.Count}, raw SQL {rawTotal}/{rawItems.Count}; not the same request.");
            for (var i = 0; i < iterations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await c.EfAsync(fixture.Queries);
                ef.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await RunCapturedAsync(fixture.App.ConnectionString, captured);
                efSql.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await c.RawAsync(fixture.App.ConnectionString);
                raw.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var verdict = !c.Targeted ? "(no target)" : ef.Percentile(95) <= TargetP95Ms ? "met" : "MISSED";
            rows.Add([c.Name, Table.N(efTotal, "N0"), "ListAsync", Latencies.Ms(ef.Percentile(50)),
                Latencies.Ms(ef.Percentile(95)), Latencies.Ms(ef.Percentile(99)), verdict]);
            rows.Add(["", "", "EF's SQL, run raw", Latencies.Ms(efSql.Percentile(50)), Latencies.Ms(efSql.Percentile(95)), Latencies.Ms(efSql.Percentile(99)), ""]);
            rows.Add(["", "", "raw SQL (baseline)", Latencies.Ms(raw.Percentile(50)), Latencies.Ms(raw.Percentile(95)), Latencies.Ms(raw.Percentile(99)),
                $"EF/raw p50 {ef.Percentile(50) / raw.Percentile(50):0.00}×"]);
        }
        Table.Print($"First page (25 rows, newest first) + COUNT on {tickets:N0} tickets, {iterations} calls each",
            ["request", "matches", "path", "p50 ms", "p95 ms", "p99 ms", $"p95 ≤ {TargetP95Ms:0} ms"], rows);

        await PrintPlansAsync(fixture, plans);
    }

    private static async Task RunCapturedAsync(string connectionString, CapturedCommand[] commands)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var captured in commands)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = captured.Sql;
            foreach (var (name, value) in captured.Parameters) command.Parameters.AddWithValue(name, value);
            if (captured.IsCount)
            {
                await command.ExecuteScalarAsync();
                continue;
            }
            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync()) reader.GetValues(values);
        }
    }

    /// <summary>The SQL EF Core sends for each request and SQLite's plan for it, to explain the figures above.</summary>
    private static async Task PrintPlansAsync(ListFixture fixture, Dictionary<ListCase, CapturedCommand[]> plans)
    {
        Console.WriteLine("Query plans (EXPLAIN QUERY PLAN, same parameters) of the SQL EF Core sends:");
        await using var connection = new SqliteConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        foreach (var c in ListCase.All)
        {
            foreach (var captured in plans[c])
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
                foreach (var (name, value) in captured.Parameters) explain.Parameters.AddWithValue(name, value);
                var steps = new List<string>();
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
                Console.WriteLine($"  {c.Key,-10} {(captured.IsCount ? "count" : "page ")}: {string.Join(" / ", steps)}");
            }
        }
        Console.WriteLine("Query plans of the hand-written SQL:");
        foreach (var c in ListCase.All)
        {
            var (count, page) = c.RawCommands(connection);
            foreach (var command in new[] { count, page })
            {
                command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                var steps = new List<string>();
                await using (var reader = await command.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
                Console.WriteLine($"  {c.Key,-10} {(command == count ? "count" : "page ")}: {string.Join(" / ", steps)}");
                await command.DisposeAsync();
            }
        }
        var sample = ListCase.ByKey("EastNew");
        Console.WriteLine();
        Console.WriteLine($"EF Core SQL for \"{sample.Name}\":");
        foreach (var captured in plans[sample]) Console.WriteLine(captured.Sql + Environment.NewLine);
    }
}
