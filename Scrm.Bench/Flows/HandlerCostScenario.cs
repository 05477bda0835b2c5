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
        await using var app = BenchApp.Start("handlercost", BenchSettings.WithLinger(options, new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        }));
        var service = app.Services.GetRequiredService<TicketService>();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await DemoFlows.PublishIfNoneAsync(dbFactory, DateTimeOffset.UtcNow, CancellationToken.None);
        app.Services.GetRequiredService<Scrm.App.Features.Flows.FlowTemplates>().Invalidate();
        var customers = await BenchCustomers.LoadAsync(app.ConnectionString);
        long next = 0;
        async Task CreateAsync(int count) =>
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
            {
                for (var i = 0; i < count / writers; i++)
                    await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, Interlocked.Increment(ref next)));
            }));
        var cpu = Process.GetCurrentProcess();
        double CpuMs() { cpu.Refresh(); return cpu.TotalProcessorTime.TotalMilliseconds; }
        var registry = app.Services.GetRequiredService<EventHandlerRegistry>();
        var durable = registry.Handlers.Where(h => h.Durable).Select(h => h.Name).ToList();

        // Warm-up with everything running: JIT, EF's query caches, the published flow in memory.
        await CreateAsync(Math.Min(600, tickets));
        foreach (var h in durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromSeconds(60));

        if (options.Text("live") is not null)
        {
            // For a profiler: only the live phase, announced so that a trace can be attached to this process for it.
            Console.WriteLine($"LIVE {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.Int("attach", 8)));
            var liveStart = CpuMs();
            await CreateAsync(tickets);
            foreach (var h in durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromMinutes(3));
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

        var bindings = app.Services.GetServices<EventHandlerBinding>().ToList();
        var types = app.Services.GetRequiredService<EventTypes>();
        var sum = createMs;
        foreach (var name in durable)
        {
            var one = new EventHandlerRegistry(bindings.Where(b => b.HandlerType.Name == name), types);
            var alone = new OutboxDispatcher(one, app.Services.GetRequiredService<IEventFeed>(), app.Services.GetRequiredService<IHandlerLedger>(),
                app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<IOptions<EventOptions>>(),
                app.Services.GetRequiredService<ILogger<OutboxDispatcher>>());
            var start = CpuMs();
            var watch = Stopwatch.StartNew();
            await alone.StartAsync(CancellationToken.None);
            await OutboxBacklog.DrainedAsync(app.ConnectionString, name, TimeSpan.FromMinutes(3));
            var ms = CpuMs() - start;
            var seconds = watch.Elapsed.TotalSeconds;
            await alone.StopAsync(CancellationToken.None);
            sum += ms;
            rows.Add([name, Table.N(ms / made, "0.000"), Table.N(seconds, "0.00")]);
        }
        rows.Add(["sum: create + each handler alone", Table.N(sum / made, "0.000"), "—"]);

        // Everything together, as the app runs: creation with the dispatcher on, until every durable handler caught up.
        await dispatcher.StartAsync(CancellationToken.None);
        foreach (var h in durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromSeconds(60));
        var allStart = CpuMs();
        var allWatch = Stopwatch.StartNew();
        await CreateAsync(tickets);
        foreach (var h in durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromMinutes(3));
        rows.Add(["all together, as the app runs (create + every handler, live feeds too)", Table.N((CpuMs() - allStart) / made, "0.000"),
            Table.N(allWatch.Elapsed.TotalSeconds, "0.00")]);

        Table.Print($"CPU per created ticket, {made} repair tickets, {writers} writers, 设备维修 published", ["part", "CPU ms/ticket", "wall s"], rows);
    }
}
