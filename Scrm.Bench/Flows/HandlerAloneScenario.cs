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
/// The "alone" rows of <c>handlercost</c> for a few named handlers only (quicker, and a profiler can attach to each):
/// N repair tickets created with the dispatcher stopped, then each named handler drains that backlog by itself, timed
/// in process CPU and managed allocation per ticket. The idle app's own CPU per second is measured after, so that a
/// short handler run can be read against it; timing starts once that background has settled (<c>--quiet</c> ms/s,
/// at most <c>--settle</c> s). <c>--attach S</c> prints <c>ALONE name pid</c> and waits S seconds first.
/// </summary>
internal static class HandlerAloneScenario
{
    public static async Task RunAsync(BenchOptions options)
    {
        var tickets = options.Int("tickets", 1000);
        var writers = options.Int("writers", 4);
        var names = (options.Text("handlers") ?? "SlaTracker,FlowRunner,TicketNotifications").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var attach = options.Int("attach", 0);
        Table.Machine("handleralone");
        await using var app = BenchApp.Start("handleralone", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        });
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
        var durable = app.Services.GetRequiredService<EventHandlerRegistry>().Handlers.Where(h => h.Durable).Select(h => h.Name).ToList();

        await CreateAsync(Math.Min(600, tickets));
        foreach (var h in durable) await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromSeconds(60));
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        var made = tickets / writers * writers;
        await CreateAsync(tickets);

        var bindings = app.Services.GetServices<EventHandlerBinding>().ToList();
        var types = app.Services.GetRequiredService<EventTypes>();
        var rows = new List<string[]>();
        // What the app burns with no handler running (workers polling, thread-pool spinning), to read the rows against.
        async Task<double> IdleMsPerSecondAsync()
        {
            var idleStart = CpuMs();
            await Task.Delay(TimeSpan.FromSeconds(2));
            return (CpuMs() - idleStart) / 2;
        }
        // Right after the creates the idle app burns a core's third for tens of seconds (work that follows the warm-up
        // and the creates); timed before it settles, every row is mostly that background. Wait for it (at most --settle s).
        var settle = Stopwatch.StartNew();
        var idleBefore = await IdleMsPerSecondAsync();
        while (idleBefore > options.Int("quiet", 40) && settle.Elapsed < TimeSpan.FromSeconds(options.Int("settle", 90)))
            idleBefore = await IdleMsPerSecondAsync();
        Console.WriteLine($"idle settled to {idleBefore:0.0} CPU ms/s after {settle.Elapsed.TotalSeconds:0} s");
        foreach (var name in names)
        {
            if (attach > 0)
            {
                Console.WriteLine($"ALONE {name} {Environment.ProcessId}");
                await Task.Delay(TimeSpan.FromSeconds(attach));
            }
            var one = new EventHandlerRegistry(bindings.Where(b => b.HandlerType.Name == name), types);
            var alone = new OutboxDispatcher(one, app.Services.GetRequiredService<IEventFeed>(), app.Services.GetRequiredService<IHandlerLedger>(),
                app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<IOptions<EventOptions>>(),
                app.Services.GetRequiredService<ILogger<OutboxDispatcher>>());
            var allocated = GC.GetTotalAllocatedBytes();
            var start = CpuMs();
            var watch = Stopwatch.StartNew();
            await alone.StartAsync(CancellationToken.None);
            await OutboxBacklog.DrainedAsync(app.ConnectionString, name, TimeSpan.FromMinutes(3));
            var ms = CpuMs() - start;
            var seconds = watch.Elapsed.TotalSeconds;
            var bytes = GC.GetTotalAllocatedBytes() - allocated;
            await alone.StopAsync(CancellationToken.None);
            rows.Add([name, Table.N(ms / made, "0.000"), Table.N((ms - idleBefore * seconds) / made, "0.000"),
                Table.N(bytes / 1024.0 / made, "0.0"), Table.N(seconds, "0.00")]);
        }
        rows.Add(["idle app, CPU ms per wall second, before / after the handlers", Table.N(idleBefore, "0.0"),
            Table.N(await IdleMsPerSecondAsync(), "0.0"), "—", "2.00"]);
        Table.Print($"Each handler alone over a backlog of {made} repair tickets, 设备维修 published",
            ["handler", "CPU ms/ticket", "less idle CPU ms/ticket", "allocated KB/ticket", "wall s"], rows);
    }
}
