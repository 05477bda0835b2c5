using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Dispatch;

/// <summary>
/// GPS pings through POST /api/v1/technicians/{id}/positions over loopback HTTP (Kestrel in this process; the load
/// generator shares the cores): --lanes phones each sending batches of --batch pings. Baseline in the same run: the
/// same rows inserted with raw ADO.NET, one transaction per batch, into the same database.
/// </summary>
internal static class PositionsScenario
{
    public const double TargetPingsPerSecond = 5000;

    public static async Task RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 10);
        var lanes = options.Int("lanes", 16);
        var batch = options.Int("batch", 20);
        Table.Machine("positions");
        await using var app = BenchApp.Start("positions", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "20", ["Demo:ClosedTickets"] = "0", ["Demo:OpenPerStatusPerRegion"] = "0",
            ["Demo:TechniciansPerRegion"] = "50", ["Demo:ApiKey"] = "bench-admin-key",
        }, kestrel: true);
        List<long> technicians;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System))
            technicians = await db.Technicians.Select(t => t.Id).ToListAsync();
        var clients = Enumerable.Range(0, lanes).Select(_ =>
        {
            var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl!) };
            client.DefaultRequestHeaders.Add("X-Api-Key", "bench-admin-key");
            return client;
        }).ToArray();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        long sent = 0;

        object Batch(long i)
        {
            // Each request a fresh, later stretch of time, so no ping is refused as out of order.
            var first = Interlocked.Add(ref sent, batch) - batch;
            return new { pings = Enumerable.Range(0, batch).Select(k => new { lat = 31.2 + k * 1e-4, lng = 121.4 + k * 1e-4, at = start.AddMilliseconds((first + k) * 5) }).ToArray() };
        }

        async Task PostAsync(int lane, long i)
        {
            var technician = technicians[(int)(i % technicians.Count)];
            using var response = await clients[lane].PostAsJsonAsync($"/api/v1/technicians/{technician}/positions", Batch(i));
            response.EnsureSuccessStatusCode();
        }

        await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(2), PostAsync); // warm-up
        var api = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), PostAsync);
        // The same batches straight into the service, in process: the part of a request that is not HTTP or the key check.
        var ingestion = app.Services.GetRequiredService<Scrm.App.Features.Dispatch.PositionIngestion>();
        var admin = new AccessScope(new Scrm.Domain.Common.Actor("bench", "bench"), new HashSet<string> { AppRoles.Admin }, true, [], null);
        var direct = await LoadRunner.RunAsync(lanes, TimeSpan.FromSeconds(seconds), async (lane, i) =>
        {
            var first = Interlocked.Add(ref sent, batch) - batch;
            var pings = Enumerable.Range(0, batch)
                .Select(k => new Scrm.App.Features.Dispatch.PositionPing(31.2 + k * 1e-4, 121.4 + k * 1e-4, start.AddMilliseconds((first + k) * 5))).ToList();
            await ingestion.IngestAsync(admin, technicians[(int)(i % technicians.Count)], pings);
        });
        var raw = await LoadRunner.RunAsync(1, TimeSpan.FromSeconds(seconds), (_, i) => RawBatchAsync(app.ConnectionString, technicians[(int)(i % technicians.Count)], batch, i));
        Table.Print($"GPS pings in batches of {batch}, {lanes} concurrent phones over loopback HTTP, {seconds} s; baseline raw SQLite, one transaction per batch",
            ["path", "pings/s", "batches/s", "p50 ms", "p99 ms", "target"],
            [
                ["POST /api/v1/technicians/{id}/positions", Table.N(api.PerSecond * batch), Table.N(api.PerSecond), Table.N(api.Latencies.Percentile(50), "0.0"),
                    Table.N(api.Latencies.Percentile(99), "0.0"), $"≥ {TargetPingsPerSecond:0}/s {(api.PerSecond * batch >= TargetPingsPerSecond ? "met" : "MISSED")}"],
                ["PositionIngestion.IngestAsync in process (no HTTP)", Table.N(direct.PerSecond * batch), Table.N(direct.PerSecond), Table.N(direct.Latencies.Percentile(50), "0.0"),
                    Table.N(direct.Latencies.Percentile(99), "0.0"), ""],
                ["raw ADO.NET INSERT (baseline)", Table.N(raw.PerSecond * batch), Table.N(raw.PerSecond), Table.N(raw.Latencies.Percentile(50), "0.0"),
                    Table.N(raw.Latencies.Percentile(99), "0.0"), ""],
            ]);
        foreach (var client in clients) client.Dispose();
    }

    private static async Task RawBatchAsync(string connectionString, long technician, int batch, long i)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var tx = connection.BeginTransaction();
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO TechnicianPositions (TechnicianId, Lat, Lng, RecordedAt, ReceivedAt, AccuracyM) VALUES ($t, $lat, $lng, $at, $now, NULL)";
        var (t, lat, lng, at, now) = (command.Parameters.Add("$t", SqliteType.Integer), command.Parameters.Add("$lat", SqliteType.Real),
            command.Parameters.Add("$lng", SqliteType.Real), command.Parameters.Add("$at", SqliteType.Integer), command.Parameters.Add("$now", SqliteType.Integer));
        for (var k = 0; k < batch; k++)
        {
            (t.Value, lat.Value, lng.Value) = (technician, 31.2 + k * 1e-4, 121.4 + k * 1e-4);
            (at.Value, now.Value) = (DateTime.UtcNow.Ticks + i * batch + k, DateTime.UtcNow.Ticks);
            await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        // The app also moves the technician to the newest fix.
        var move = connection.CreateCommand();
        move.CommandText = "UPDATE Technicians SET Lat = 31.2, Lng = 121.4 WHERE Id = $id";
        move.Parameters.AddWithValue("$id", technician);
        await move.ExecuteNonQueryAsync();
    }
}
