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
        await using var bench = await RepairBacklog.StartAsync("handleralone", RepairBacklog.Settings(), writers);
        static double CpuMs() => RepairBacklog.CpuMs();

        await bench.WarmUpAsync(tickets);
        var dispatcher = bench.App.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        var made = tickets / writers * writers;
        await bench.CreateAsync(tickets);

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
            var (ms, seconds, bytes) = await bench.DrainAloneAsync(name);
            rows.Add([name, Table.N(ms / made, "0.000"), Table.N((ms - idleBefore * seconds) / made, "0.000"),
                Table.N(bytes / 1024.0 / made, "0.0"), Table.N(seconds, "0.00")]);
        }
        rows.Add(["idle app, CPU ms per wall second, before / after the handlers", Table.N(idleBefore, "0.0"),
            Table.N(await IdleMsPerSecondAsync(), "0.0"), "—", "2.00"]);
        Table.Print($"Each handler alone over a backlog of {made} repair tickets, 设备维修 published",
            ["handler", "CPU ms/ticket", "less idle CPU ms/ticket", "allocated KB/ticket", "wall s"], rows);
    }
}
