using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scrm.App.Data.Seed;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.List;

namespace Scrm.Bench.Seed;

/// <summary>
/// How to get a large ticket table: the app's own DemoSeeder (EF Core, whole life cycles with timelines, batches of 500)
/// against the bench's one-transaction raw INSERT loader, each on a fresh file.
/// </summary>
internal static class SeedScenario
{
    public static async Task RunAsync(BenchOptions options)
    {
        var tickets = options.Int("tickets", 100_000);
        Table.Machine("seed");
        var rows = new List<string[]>();

        await using (var app = BenchApp.Start("seed-demo", new Dictionary<string, string> { ["Demo:Seed"] = "false" }))
        {
            var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(app.Services,
                Options.Create(new DemoOptions { ClosedTickets = tickets, OpenPerStatusPerRegion = 0 }));
            var started = Stopwatch.GetTimestamp();
            await seeder.SeedIfEmptyAsync();
            var elapsed = Stopwatch.GetElapsedTime(started);
            await using var connection = RawSqlite.Open(app.ConnectionString);
            var written = await RawSqlite.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Tickets");
            var events = await RawSqlite.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM TicketEvents");
            rows.Add(["DemoSeeder (Demo:ClosedTickets)", N(written), N(events), $"{elapsed.TotalSeconds:0.0}", N(written / elapsed.TotalSeconds),
                "incl. 320 customers, 48 technicians, 7 users"]);
        }

        await using (var app = BenchApp.Start("seed-bulk", new Dictionary<string, string>
               {
                   ["Demo:ClosedTickets"] = "0",
                   ["Demo:OpenPerStatusPerRegion"] = "0",
               }))
        {
            var started = Stopwatch.GetTimestamp();
            await TicketBulkLoader.LoadAsync(app.ConnectionString, tickets);
            var elapsed = Stopwatch.GetElapsedTime(started);
            rows.Add(["TicketBulkLoader (raw INSERT, 1 tx)", N(tickets), "0", $"{elapsed.TotalSeconds:0.0}", N(tickets / elapsed.TotalSeconds),
                "tickets only; customers etc. from a small demo seed"]);
        }
        Table.Print($"Filling a database with {tickets:N0} tickets", ["method", "tickets", "timeline rows", "seconds", "tickets/s", "note"], rows);
    }

    private static string N(double value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
