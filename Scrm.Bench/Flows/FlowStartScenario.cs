using System.Diagnostics;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scrm.App.Workers;
using Scrm.App.Data;
using Scrm.App.Features.Flows.Runtime;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;

namespace Scrm.Bench.Flows;

/// <summary>
/// Durable flow starts: N repair tickets created through TicketService by several writers, timed until every one has its
/// FlowInstance row (FlowRunner through the outbox, as the app runs). Baseline in the same run: the same creation with no
/// flow published, timed until FlowRunner has passed every event (it finds no flow and writes nothing).
/// </summary>
internal static class FlowStartScenario
{
    public const double TargetPerSecond = 500;

    public static async Task RunAsync(BenchOptions options)
    {
        var tickets = options.Int("tickets", 3000);
        var writers = options.Int("writers", 4);
        Table.Machine("flowstart");
        await using var app = BenchApp.Start("flowstart", BenchSettings.WithLinger(options, new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        }));
        var service = app.Services.GetRequiredService<TicketService>();
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        var customers = await BenchCustomers.LoadAsync(app.ConnectionString);
        long next = 0;
        async Task<TimeSpan> CreateAsync(int count)
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
            {
                for (var i = 0; i < count / writers; i++)
                    await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, w, Interlocked.Increment(ref next)));
            }));
            return watch.Elapsed;
        }

        var templates = app.Services.GetRequiredService<Scrm.App.Features.Flows.FlowTemplates>();
        await UnpublishAsync(app.ConnectionString);
        templates.Invalidate();  // both are written behind FlowTemplates' back, as another instance would
        await CreateAsync(Math.Min(600, tickets));  // warm-up: JIT, EF's query cache, the dispatcher's loops
        await OutboxBacklog.DrainedAsync(app.ConnectionString, nameof(FlowRunner), TimeSpan.FromSeconds(60));

        var cpu = Process.GetCurrentProcess();
        TimeSpan Cpu() { cpu.Refresh(); return cpu.TotalProcessorTime; }
        var baselineCpu = Cpu();
        var baseline = Stopwatch.StartNew();
        var baselineCreate = await CreateAsync(tickets);
        await OutboxBacklog.DrainedAsync(app.ConnectionString, nameof(FlowRunner), TimeSpan.FromMinutes(5));
        var baselineTotal = baseline.Elapsed;
        baselineCpu = Cpu() - baselineCpu;

        await DemoFlows.PublishIfNoneAsync(dbFactory, DateTimeOffset.UtcNow, CancellationToken.None);
        templates.Invalidate();
        var before = await InstancesAsync(app.ConnectionString);
        var rowsBefore = await RowsAsync(app.ConnectionString);
        var group = app.Services.GetRequiredService<GroupCommit>();
        var (busyBefore, writesBefore, commitsBefore, kindsBefore) = (group.Busy, group.Writes, group.Commits, group.BusyByKind);
        var (gcBefore, pauseBefore) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var flowsCpu = Cpu();
        var flows = Stopwatch.StartNew();
        var flowsCreate = await CreateAsync(tickets);
        while (await InstancesAsync(app.ConnectionString) - before < tickets / writers * writers && flows.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(20);
        var flowsTotal = flows.Elapsed;
        var (gcs, pause) = (GC.CollectionCount(0) - gcBefore, GC.GetTotalPauseDuration() - pauseBefore);
        flowsCpu = Cpu() - flowsCpu;
        var (busy, writes, commits, kindsAfter) = (group.Busy - busyBefore, group.Writes - writesBefore, group.Commits - commitsBefore, group.BusyByKind);
        var started = await InstancesAsync(app.ConnectionString) - before;
        var rowsAfter = await RowsAsync(app.ConnectionString);
        var made = tickets / writers * writers;

        // The handler's own capacity: a backlog of new tickets (dispatcher stopped while they are created), then timed from
        // the dispatcher's start until every one has its instance; the other handlers work through the same backlog meanwhile.
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        var backlogBefore = await InstancesAsync(app.ConnectionString);
        await CreateAsync(tickets);
        var drainCpu = Cpu();
        var drain = Stopwatch.StartNew();
        await dispatcher.StartAsync(CancellationToken.None);
        while (await InstancesAsync(app.ConnectionString) - backlogBefore < made && drain.Elapsed < TimeSpan.FromMinutes(5))
            await Task.Delay(20);
        var drained = await InstancesAsync(app.ConnectionString) - backlogBefore;
        var drainTime = drain.Elapsed;
        drainCpu = Cpu() - drainCpu;

        Table.Print($"Durable flow starts, {made} repair tickets, {writers} writers", ["run", "created/s", "until all handled (s)", "handled/s", "CPU ms/ticket"],
        [
            ["no flow published (baseline)", Table.N(made / baselineCreate.TotalSeconds), Table.N(baselineTotal.TotalSeconds, "0.00"), Table.N(made / baselineTotal.TotalSeconds), Table.N(baselineCpu.TotalMilliseconds / made, "0.00")],
            ["设备维修 published: instance rows", Table.N(made / flowsCreate.TotalSeconds), Table.N(flowsTotal.TotalSeconds, "0.00"), Table.N(started / flowsTotal.TotalSeconds), Table.N(flowsCpu.TotalMilliseconds / made, "0.00")],
            ["设备维修, backlog drained (dispatcher started after creating)", "—", Table.N(drainTime.TotalSeconds, "0.00"), Table.N(drained / drainTime.TotalSeconds), Table.N(drainCpu.TotalMilliseconds / made, "0.00") + " (handlers only)"],
        ]);
        Console.WriteLine($"Backlog: {drained} of {made} instances in {drainTime.TotalSeconds:0.00} s = {drained / drainTime.TotalSeconds:0}/s " +
                          $"(target ≥ {TargetPerSecond:0}/s: {(drained == made && drained / drainTime.TotalSeconds >= TargetPerSecond ? "met" : "MISSED")}).");
        Console.WriteLine($"{started} of {made} instances. Durable flow starts {started / flowsTotal.TotalSeconds:0}/s; " +
                          $"target ≥ {TargetPerSecond:0}/s: {(started == made && started / flowsTotal.TotalSeconds >= TargetPerSecond ? "met" : "MISSED")}.");
        // Every write passes through the one writer loop: its busy share says how near the run came to that ceiling.
        Console.WriteLine($"Writer loop during the flow run: busy {busy.TotalSeconds:0.00} s of {flowsTotal.TotalSeconds:0.00} s " +
                          $"({busy / flowsTotal:P0}); {writes} writes in {commits} commits, {busy.TotalMilliseconds * 1000 / Math.Max(1, writes):0} µs " +
                          $"per write, {busy.TotalMilliseconds / made:0.000} ms per ticket.");
        foreach (var (kind, (kindBusy, kindWrites)) in kindsAfter.OrderByDescending(k => k.Value.Busy))
        {
            var (was, wasWrites) = kindsBefore.GetValueOrDefault(kind);
            if (kindWrites == wasWrites) continue;
            Console.WriteLine($"  {kind,-28} {(kindBusy - was).TotalMilliseconds / made,7:0.000} ms per ticket, {kindWrites - wasWrites,6} writes");
        }
        // Every pause stops the writer loop too.
        Console.WriteLine($"Garbage collections during the flow run: {gcs}, paused {pause.TotalMilliseconds:0} ms ({pause / flowsTotal:P1} of the run; {(GCSettings.IsServerGC ? "server" : "workstation")} GC).");
        // What one flow start writes, table by table: the rows the writer loop pays for.
        Console.WriteLine("Rows written per ticket during the flow run: " + string.Join(", ", rowsAfter
            .Select(r => (r.Key, Rows: r.Value - rowsBefore.GetValueOrDefault(r.Key))).Where(r => r.Rows > 0).OrderByDescending(r => r.Rows)
            .Select(r => $"{r.Key} {(double)r.Rows / made:0.##}")));
        // ADR 0040: how often a handler's prepare went stale (someone wrote in between) or had to run inside the gate.
        Console.WriteLine($"Two-phase handler batches prepared again: {Scrm.App.Events.StalePrepare.Reprepared}; prepared inside the gate: {Scrm.App.Events.StalePrepare.PreparedInside}.");
    }

    private static async Task UnpublishAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM FlowVersions; DELETE FROM FlowTemplates;";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, long>> RowsAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var rows = new Dictionary<string, long>();
        foreach (var table in tables) rows[table] = await RawSqlite.ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM \"{table}\"");
        return rows;
    }

    private static async Task<long> InstancesAsync(string connectionString)
    {
        await using var connection = RawSqlite.Open(connectionString);
        return await RawSqlite.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM FlowInstances");
    }
}
