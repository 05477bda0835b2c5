using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scrm.App.Events;
using Scrm.App.Features.Dashboards;
using Scrm.App.Features.Tickets;
using Scrm.App.Workers;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;
using Scrm.Domain.Tickets;

namespace Scrm.Bench.Kpis;

/// <summary>
/// What the rollup handler costs by itself, in process CPU (not wall time: on a shared machine CPU time still means
/// something): tickets created and cancelled with the dispatcher stopped, then <see cref="KpiRollup"/> alone over that
/// backlog, at several batch sizes — 2 events is what a live batch holds while writers are few (the write part prints
/// the live figure), 500 is the dispatcher's most. <see cref="TicketDayCounter"/> over the same events is the reference:
/// a handler doing almost nothing through the same write path (its context, transaction and processed-event rows).
/// </summary>
internal static class KpiHandlerCost
{
    public static async Task RunAsync(int tickets, IReadOnlyList<int> batchSizes, int rounds)
    {
        await using var app = BenchApp.Start("kpihandler", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200", ["Demo:ClosedTickets"] = "0", ["Demo:OpenPerStatusPerRegion"] = "0",
        });
        var service = app.Services.GetRequiredService<TicketService>();
        var customers = await BenchCustomers.LoadAsync(app.ConnectionString);
        long next = 0;
        async Task WriteAsync(int count) =>
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
            {
                for (var i = 0; i < count / 4; i++)
                {
                    var created = await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, Interlocked.Increment(ref next)));
                    await service.TransitionAsync(BenchScopes.Admin, created.Ticket.Row.Id, TicketStatus.Cancelled, "基准取消");
                }
            }));
        // Warm-up with everything running: JIT, EF's query caches.
        await WriteAsync(200);
        foreach (var h in new[] { nameof(KpiRollup), nameof(TicketDayCounter) })
            await OutboxBacklog.DrainedAsync(app.ConnectionString, h, TimeSpan.FromSeconds(60));
        await app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().StopAsync(CancellationToken.None);

        var cpu = Process.GetCurrentProcess();
        double CpuMs() { cpu.Refresh(); return cpu.TotalProcessorTime.TotalMilliseconds; }
        var changes = app.Services.GetRequiredService<KpiChanges>();
        var made = tickets / 4 * 4;
        var results = new Dictionary<(string, int), List<double>>();
        var commits = new Dictionary<int, long>();
        for (var round = 0; round <= rounds; round++)
        foreach (var batch in batchSizes)
        {
            await WriteAsync(made);
            foreach (var name in new[] { nameof(TicketDayCounter), nameof(KpiRollup) })
            {
                var published = changes.Published;
                var start = CpuMs();
                await RunAloneAsync(app, name, batch);
                var ms = (CpuMs() - start) / made;
                // Round 0 is a warm-up of each batch size (the first pass of a handler alone JITs its batch path).
                if (round == 0) continue;
                (results.TryGetValue((name, batch), out var list) ? list : results[(name, batch)] = []).Add(ms);
                if (name == nameof(KpiRollup)) commits[batch] = changes.Published - published;
            }
        }
        var rows = batchSizes.Select(b =>
        {
            var kpi = Median(results[(nameof(KpiRollup), b)]);
            var reference = Median(results[(nameof(TicketDayCounter), b)]);
            return new[]
            {
                Table.N(b), Table.N(commits[b]), Table.N(kpi, "0.000"), Table.N(reference, "0.000"), Table.N(kpi - reference, "0.000"),
                string.Join(" / ", results[(nameof(KpiRollup), b)].Select(v => v.ToString("0.000"))),
            };
        }).ToList();
        Table.Print($"KpiRollup alone over {made} tickets created and cancelled (2 events each), CPU ms per ticket, median of {rounds} rounds",
            ["events per batch (most)", "rollup commits (last round)", "KpiRollup", "TicketDayCounter (reference)", "KpiRollup − reference", "KpiRollup rounds"], rows);
    }

    private static async Task RunAloneAsync(BenchApp app, string name, int batchSize)
    {
        var bindings = app.Services.GetServices<EventHandlerBinding>().Where(b => b.HandlerType.Name == name);
        var one = new EventHandlerRegistry(bindings, app.Services.GetRequiredService<EventTypes>());
        var options = app.Services.GetRequiredService<IOptions<EventOptions>>().Value;
        var alone = new OutboxDispatcher(one, app.Services.GetRequiredService<IEventFeed>(), app.Services.GetRequiredService<IHandlerLedger>(),
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new EventOptions { BatchSize = batchSize, InstanceId = options.InstanceId, Lease = options.Lease }),
            app.Services.GetRequiredService<ILogger<OutboxDispatcher>>());
        await alone.StartAsync(CancellationToken.None);
        await OutboxBacklog.DrainedAsync(app.ConnectionString, name, TimeSpan.FromMinutes(3));
        await alone.StopAsync(CancellationToken.None);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
