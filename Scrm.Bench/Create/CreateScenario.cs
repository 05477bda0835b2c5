using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Create;

/// <summary>
/// Ticket creation through TicketService.CreateAsync (validation, ticket, timeline, audit, one transaction)
/// against single-row INSERTs through Microsoft.Data.Sqlite, same file, same PRAGMAs, same writers.
/// </summary>
internal static class CreateScenario
{
    public const double TargetPerSecond = 1000;
    public const double TargetP99Ms = 10;

    private sealed record CustomerSite(long Id, string Name, long SiteId, string Address, string City, string Region, double Lat, double Lng);

    public static async Task RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 8);
        var writers = options.Int("writers", 4);
        Table.Machine("create");
        await using var app = BenchApp.Start("create", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        });
        Console.WriteLine($"App up (migrations + small demo seed) in {app.StartupTime.TotalSeconds:0.0} s; database {app.DatabasePath}");

        var service = app.Services.GetRequiredService<TicketService>();
        var customers = await CustomersAsync(app.ConnectionString);
        Task Create(int writer, long i) => service.CreateAsync(BenchScopes.Admin, new NewTicketRequest
        {
            Title = $"压测工单 {writer}-{i} 咖啡机不出水",
            Description = "门店反馈咖啡机不出水，请尽快安排技师上门。",
            Type = "Repair",
            Priority = "Normal",
            CustomerId = customers[(int)((writer * 7919 + i) % customers.Length)].Id,
        });

        var raw = Enumerable.Range(0, writers).Select(_ => new RawTicketInserter(app.ConnectionString)).ToArray();
        try
        {
            var duration = TimeSpan.FromSeconds(seconds);
            Task Insert(int writer, long i) => raw[writer].InsertAsync(customers[(int)((writer * 7919 + i) % customers.Length)]);

            // Warm-up (JIT, tiered compilation, EF's query cache, connection pool), not measured.
            await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(3), Create);
            await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(1), Insert);
            var commands = await CommandsPerCreateAsync(app, customers);

            var results = new List<(string Path, LoadResult Result)>
            {
                ("TicketService.CreateAsync", await LoadRunner.RunAsync(1, duration, Create)),
                ("raw INSERT (baseline)", await LoadRunner.RunAsync(1, duration, Insert)),
                ("TicketService.CreateAsync", await LoadRunner.RunAsync(writers, duration, Create)),
                ("raw INSERT (baseline)", await LoadRunner.RunAsync(writers, duration, Insert)),
            };
            Table.Print($"Ticket creation, {seconds} s per row", ["path", "writers", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
                results.Select(r => new[]
                {
                    r.Path, Table.N(r.Result.Writers), Table.N(r.Result.Operations), Table.N(r.Result.PerSecond),
                    Latencies.Ms(r.Result.Latencies.Percentile(50)), Latencies.Ms(r.Result.Latencies.Percentile(95)),
                    Latencies.Ms(r.Result.Latencies.Percentile(99)), Latencies.Ms(r.Result.Latencies.Max),
                }));

            var ef = results[2].Result;
            var baseline = results[3].Result;
            Console.WriteLine($"{writers} writers: CreateAsync {ef.PerSecond:0}/s = {ef.PerSecond / baseline.PerSecond:0.000} × raw INSERT ({baseline.PerSecond:0}/s); " +
                              $"p99 {ef.Latencies.Percentile(99):0.00} ms vs {baseline.Latencies.Percentile(99):0.00} ms.");
            Console.WriteLine($"Target ≥ {TargetPerSecond:0}/s: {(ef.PerSecond >= TargetPerSecond ? "met" : "MISSED")}; " +
                              $"target p99 ≤ {TargetP99Ms:0} ms: {(ef.Latencies.Percentile(99) <= TargetP99Ms ? "met" : "MISSED")}.");
            Console.WriteLine($"Per create: {commands.Statements} SQL statements ({commands.Summary}); rows written per create: {await RowsPerCreateAsync(app.ConnectionString)}.");
        }
        finally
        {
            foreach (var r in raw) r.Dispose();
        }
    }

    private static async Task<CustomerSite[]> CustomersAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.Id, c.Name, s.Id, s.Address, s.City, s.Region, s.Lat, s.Lng
            FROM Customers c JOIN Sites s ON s.Id = (SELECT MIN(Id) FROM Sites WHERE CustomerId = c.Id)
            ORDER BY c.Id
            """;
        var list = new List<CustomerSite>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(new CustomerSite(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7)));
        return [.. list];
    }

    /// <summary>The SQL of one create, counted on the same service built on recording contexts (outside the timed runs).</summary>
    private static async Task<(int Statements, string Summary)> CommandsPerCreateAsync(BenchApp app, CustomerSite[] customers)
    {
        const int samples = 20;
        var recording = new RecordingContexts(app.Services, app.ConnectionString);
        var service = recording.Create<TicketService>();
        var commands = await recording.RecordAsync(async () =>
        {
            for (var i = 0; i < samples; i++)
                await service.CreateAsync(BenchScopes.Admin, new NewTicketRequest
                {
                    Title = $"压测工单 计数-{i}", Type = "Repair", CustomerId = customers[i % customers.Length].Id,
                });
        });
        var kinds = commands
            .SelectMany(c => c.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length > 0)
            .Select(s => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(3)))
            .GroupBy(k => k)
            .Select(g => $"{g.Count() / (double)samples:0.#}× {g.Key}");
        return (commands.Length / samples, string.Join(", ", kinds));
    }

    private static async Task<string> RowsPerCreateAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var created = await RawSqlite.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Tickets WHERE Number LIKE 'GD-%'");
        var events = await RawSqlite.ScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM TicketEvents e JOIN Tickets t ON t.Id = e.TicketId WHERE t.Number LIKE 'GD-%'");
        var audit = await RawSqlite.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM AuditEntries WHERE UserId = 'bench'");
        return $"1 ticket + {events / (double)created:0.##} timeline event(s) + {audit / (double)created:0.##} audit row(s), sequence row updated";
    }

    /// <summary>One writer's connection and prepared single-row INSERT into the same Tickets table, autocommit.</summary>
    private sealed class RawTicketInserter : IDisposable
    {
        private static long _next;
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;

        public RawTicketInserter(string connectionString)
        {
            _connection = RawSqlite.Open(connectionString);
            _insert = _connection.CreateCommand();
            _insert.CommandText = """
                INSERT INTO Tickets (Number, Type, Title, Description, Priority, Status, CustomerId, CustomerName, SiteId, DeviceId,
                    SiteAddress, City, Region, Lat, Lng, AssigneeId, AssigneeName, CreatedAt, UpdatedAt, UpdatedByName, ResolvedAt, ClosedAt, Version)
                VALUES ($number, 'Repair', $title, $description, 'Normal', 'New', $customer, $customerName, $site, NULL,
                    $address, $city, $region, $lat, $lng, NULL, NULL, $now, $now, 'bench', NULL, NULL, 1)
                """;
            foreach (var name in new[] { "$number", "$title", "$description", "$customer", "$customerName", "$site", "$address", "$city", "$region", "$lat", "$lng", "$now" })
                _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
            _insert.Prepare();
        }

        public Task InsertAsync(CustomerSite c)
        {
            var n = Interlocked.Increment(ref _next);
            var p = _insert.Parameters;
            p["$number"].Value = $"RAW-{n:D9}";
            p["$title"].Value = $"压测工单 raw-{n} 咖啡机不出水";
            p["$description"].Value = "门店反馈咖啡机不出水，请尽快安排技师上门。";
            p["$customer"].Value = c.Id;
            p["$customerName"].Value = c.Name;
            p["$site"].Value = c.SiteId;
            p["$address"].Value = c.Address;
            p["$city"].Value = c.City;
            p["$region"].Value = c.Region;
            p["$lat"].Value = c.Lat;
            p["$lng"].Value = c.Lng;
            p["$now"].Value = DateTimeOffset.UtcNow.UtcTicks;
            return _insert.ExecuteNonQueryAsync();
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }
}
