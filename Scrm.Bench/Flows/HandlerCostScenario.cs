using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.App.Workers;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;

namespace Scrm.Bench.Flows;

/// <summary>
/// Where a created ticket's CPU goes: N repair tickets created with the dispatcher stopped (the create alone), then each
/// durable handler run by itself over that backlog (a dispatcher holding only that handler), each timed in process CPU
/// until its position reaches the newest outbox row. Process CPU, not wall time: the machine is shared, and CPU ms per
/// ticket is what decides how many tickets two cores can take. Live feeds (non-durable) start at the newest row and
/// so take no backlog; their share is in the last row, which runs everything together on a fresh batch as the app runs.
/// </summary>
internal static class HandlerCostScenario
{
    public static async Task RunAsync(BenchOptions options)
    {
        var tickets = options.Int("tickets", 2000);
        var writers = options.Int("writers", 4);
        Table.Machine("handlercost");
        await using var bench = await RepairBacklog.StartAsync("handlercost", BenchSettings.WithLinger(options, RepairBacklog.Settings()), writers);
        var (app, durable) = (bench.App, bench.Durable);
        static double CpuMs() => RepairBacklog.CpuMs();
        Task CreateAsync(int count) => bench.CreateAsync(count);

        await bench.WarmUpAsync(tickets);

        if (options.Text("live") is not null)
        {
            // For a profiler: only the live phase, announced so that a trace can be attached to this process for it.
            Console.WriteLine($"LIVE {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.Int("attach", 8)));
            var liveStart = CpuMs();
            await CreateAsync(tickets);
            await bench.DrainedAsync(TimeSpan.FromMinutes(3));
            Console.WriteLine($"LIVE END {(CpuMs() - liveStart) / (tickets / writers * writers):0.000} CPU ms/ticket");
            return;
        }
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        var made = tickets / writers * writers;
        var rows = new List<string[]>();
        var createStart = CpuMs();
        var createWatch = Stopwatch.StartNew();
        await CreateAsync(tickets);
        var createMs = CpuMs() - createStart;
        rows.Add(["create (TicketService.CreateAsync, dispatcher stopped)", Table.N(createMs / made, "0.000"), Table.N(createWatch.Elapsed.TotalSeconds, "0.00")]);

        var sum = createMs;
        foreach (var name in durable)
        {
            var (ms, seconds, _) = await bench.DrainAloneAsync(name);
            sum += ms;
            rows.Add([name, Table.N(ms / made, "0.000"), Table.N(seconds, "0.00")]);
        }
        rows.Add(["sum: create + each handler alone", Table.N(sum / made, "0.000"), "—"]);

        // Everything together, as the app runs: creation with the dispatcher on, until every durable handler caught up.
        await dispatcher.StartAsync(CancellationToken.None);
        await bench.DrainedAsync(TimeSpan.FromSeconds(60));
        var allStart = CpuMs();
        var allWatch = Stopwatch.StartNew();
        await CreateAsync(tickets);
        await bench.DrainedAsync(TimeSpan.FromMinutes(3));
        rows.Add(["all together, as the app runs (create + every handler, live feeds too)", Table.N((CpuMs() - allStart) / made, "0.000"),
            Table.N(allWatch.Elapsed.TotalSeconds, "0.00")]);

        Table.Print($"CPU per created ticket, {made} repair tickets, {writers} writers, 设备维修 published", ["part", "CPU ms/ticket", "wall s"], rows);
    }
}
