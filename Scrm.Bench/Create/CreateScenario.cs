using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scrm.App.Events;
using Scrm.App.Features.Tickets;
using Scrm.App.Workers;
using Scrm.Bench.Infrastructure;
using Scrm.Bench.Outbox;

namespace Scrm.Bench.Create;

/// <summary>
/// Ticket creation through TicketService.CreateAsync (customer read, day number, ticket, timeline, audit and outbox rows,
/// one transaction in the write gate) against the same rows written by plain Microsoft.Data.Sqlite
/// (<see cref="RawTicketWriter"/>), same file, same PRAGMAs, same writers. First the app as it runs (the outbox dispatcher
/// delivering every commit to its handlers), then with the dispatcher stopped: the write path alone beside the baselines.
/// </summary>
internal static class CreateScenario
{
    public const double TargetPerSecond = 2000;
    public const double TargetP99Ms = 10;

    public static async Task RunAsync(BenchOptions options)
    {
        var seconds = options.Int("seconds", 6);
        var writers = options.Int("writers", 4);
        var duration = TimeSpan.FromSeconds(seconds);
        // For attribution: --without TicketDayCounter,TechnicianWorkload runs the app without those event handlers.
        // --without all runs it with no event handler at all: the create alone, nothing for the dispatcher to do.
        var without = options.Text("without")?.Split(',') ?? [];
        var withoutAll = without is ["all"];
        Table.Machine("create");
        await using var app = BenchApp.Start("create", new Dictionary<string, string>
        {
            ["Demo:Customers"] = "200",
            ["Demo:ClosedTickets"] = "0",
            ["Demo:OpenPerStatusPerRegion"] = "0",
        }, services: s =>
        {
            foreach (var d in s.Where(d => d.ImplementationInstance is EventHandlerBinding b && (withoutAll || without.Contains(b.HandlerType.Name))).ToList()) s.Remove(d);
        });
        Console.WriteLine($"App up (migrations + small demo seed) in {app.StartupTime.TotalSeconds:0.0} s; database {app.DatabasePath}; " +
                          $"event handlers: {string.Join(", ", app.Services.GetRequiredService<EventHandlerRegistry>().Handlers.Select(h => h.Name))}");

        var service = app.Services.GetRequiredService<TicketService>();
        var customers = await BenchCustomers.LoadAsync(app.ConnectionString);
        Task Create(int writer, long i) => service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, writer, i));
        var rows = new List<(string Path, LoadResult Result, int TicketsPerOp)>();
        const string On = "CreateAsync, dispatcher on (as the app runs)", Off = "CreateAsync, dispatcher stopped";

        // Warm-up (JIT, tiered compilation, EF's query cache, pools, the dispatcher's loops), not measured: 3 s was too short.
        await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(options.Int("warmup", 10)), Create);

        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        if (options.Int("live", 0) is var live and > 0)
        {
            // For a profiler: the create alone (dispatcher stopped) for --live seconds, announced so that a trace can attach.
            await dispatcher.StopAsync(CancellationToken.None);
            Console.WriteLine($"LIVE {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(options.Int("attach", 3)));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var run = await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(live), Create);
            Console.WriteLine($"LIVE END {run.Operations} tickets, {run.PerSecond:0}/s, {run.CpuMsPerOperation:0.000} CPU ms/ticket, " +
                              $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / run.Operations:0.0} KB allocated/ticket");
            return;
        }
        if (options.Int("quick", 0) > 0)
        {
            await QuickAsync(app, service, customers, dispatcher, writers, duration, seconds);
            return;
        }

        // As the app runs (the dispatcher delivering every commit to its handlers), then with the dispatcher stopped so that
        // nothing else takes the gate; twice in turn, each "on" row starting once TicketDayCounter has caught up.
        string? behind = null;
        CreateProfile.Result? profiledWithDispatcher = null;
        for (var round = 1; round <= 2; round++)
        {
            if (round > 1) await dispatcher.StartAsync(CancellationToken.None);
            await OutboxBacklog.DrainedAsync(app.ConnectionString, "TicketDayCounter", TimeSpan.FromSeconds(30));
            rows.Add((On, await LoadRunner.RunAsync(writers, duration, Create), 1));
            behind ??= await OutboxBacklog.DescribeAsync(app.ConnectionString);
            profiledWithDispatcher ??= await CreateProfile.RunAsync(app, customers, writers, TimeSpan.FromSeconds(3));
            await dispatcher.StopAsync(CancellationToken.None);
            rows.Add((Off, await LoadRunner.RunAsync(writers, duration, Create), 1));
        }

        // The baselines, dispatcher still stopped (their outbox rows are never delivered).
        var types = app.Services.GetRequiredService<EventTypes>();
        using var gate = new SemaphoreSlim(1, 1);
        var lockQueued = Enumerable.Range(0, writers).Select(_ => new RawTicketWriter(app.ConnectionString, types, gate: null)).ToArray();
        var gateQueued = Enumerable.Range(0, writers).Select(_ => new RawTicketWriter(app.ConnectionString, types, gate)).ToArray();
        try
        {
            Func<int, long, Task> Raw(RawTicketWriter[] raw, int perTransaction = 1) =>
                (writer, i) => raw[writer].WriteAsync(BenchCustomers.Pick(customers, writer, i), perTransaction);
            await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(1), Raw(gateQueued));
            rows.Add(("raw, 1 tx per ticket, in-process gate", await LoadRunner.RunAsync(writers, duration, Raw(gateQueued)), 1));
            rows.Add(("raw, 1 tx per ticket, SQLite's lock", await LoadRunner.RunAsync(writers, duration, Raw(lockQueued)), 1));
            rows.Add(($"raw, {writers} tickets per tx (group commit)", await LoadRunner.RunAsync(1, duration, Raw(gateQueued, writers)), writers));
            rows.Add((Off, await LoadRunner.RunAsync(1, duration, Create), 1));
            rows.Add(("raw, 1 transaction per ticket", await LoadRunner.RunAsync(1, duration, Raw(gateQueued)), 1));
        }
        finally
        {
            foreach (var raw in lockQueued.Concat(gateQueued)) raw.Dispose();
        }
        var profiledSingle = await CreateProfile.RunAsync(app, customers, 1, TimeSpan.FromSeconds(3));
        var profiled = await CreateProfile.RunAsync(app, customers, writers, TimeSpan.FromSeconds(3));
        var insideSqlite = await CreateProfile.InsideSqliteAsync(app, customers, TimeSpan.FromSeconds(3));

        Table.Print($"Ticket creation, {seconds} s per row", ["path", "writers", "tickets", "tickets/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "CPU ms/ticket"],
            rows.Select(r => new[]
            {
                r.Path, Table.N(r.Result.Writers), Table.N(r.Result.Operations * r.TicketsPerOp), Table.N(r.Result.PerSecond * r.TicketsPerOp),
                Latencies.Ms(r.Result.Latencies.Percentile(50)), Latencies.Ms(r.Result.Latencies.Percentile(95)),
                Latencies.Ms(r.Result.Latencies.Percentile(99)), Latencies.Ms(r.Result.Latencies.Max),
                Table.N(r.Result.CpuMsPerOperation / r.TicketsPerOp, "0.000"),
            }));
        Console.WriteLine($"(The group-commit row's latencies are per transaction of {writers} tickets. CPU: the whole process's, " +
                          $"{Environment.ProcessorCount} cores; {Environment.ProcessorCount * 1000.0:0} ms/s is all of them.)");
        double Mean(string path) => rows.Where(r => r.Path == path && r.Result.Writers == writers).Average(r => r.Result.PerSecond);
        double WorstP99(string path) => rows.Where(r => r.Path == path && r.Result.Writers == writers).Max(r => r.Result.Latencies.Percentile(99));
        var (asRuns, alone) = (Mean(On), Mean(Off));
        var baseline = rows.Single(r => r.Path.EndsWith("in-process gate", StringComparison.Ordinal)).Result.PerSecond;
        var lockBaseline = rows.Single(r => r.Path.EndsWith("SQLite's lock", StringComparison.Ordinal)).Result.PerSecond;
        Console.WriteLine($"{writers} writers, mean of the two rows: CreateAsync {asRuns:0}/s dispatcher on, {alone:0}/s stopped; " +
                          $"raw {baseline:0}/s (gate), {lockBaseline:0}/s (SQLite's lock). " +
                          $"Ratio to raw with the gate: {asRuns / baseline:0.000} on, {alone / baseline:0.000} stopped.");
        Console.WriteLine($"Target ≥ {TargetPerSecond:0}/s: {Verdict(asRuns >= TargetPerSecond)} on, {Verdict(alone >= TargetPerSecond)} stopped; " +
                          $"target p99 ≤ {TargetP99Ms:0} ms (worse row): {Verdict(WorstP99(On) <= TargetP99Ms)} on ({WorstP99(On):0.0} ms), " +
                          $"{Verdict(WorstP99(Off) <= TargetP99Ms)} stopped ({WorstP99(Off):0.0} ms).");
        Console.WriteLine($"Outbox backlog right after the dispatcher-on run: {behind}.");
        Console.WriteLine($"Rows per ticket: CreateAsync {await RowsPerTicketAsync(app.ConnectionString, "GD-%", "bench")}; " +
                          $"raw {await RowsPerTicketAsync(app.ConnectionString, "RW-%", "bench-raw")}.");

        CreateProfile.Print(profiledSingle, profiled, insideSqlite);
        Console.WriteLine($"With the dispatcher on ({writers} writers, recording contexts): {profiledWithDispatcher!.Load.PerSecond:0} creates/s, " +
                          $"before gate p50 {profiledWithDispatcher.Before.Percentile(50):0.000} ms, in gate p50 {profiledWithDispatcher.InGate.Percentile(50):0.000} ms, " +
                          $"creates held the gate {profiledWithDispatcher.GateBusy:P0} of the time.");
    }

    /// <summary>
    /// --quick 1: the create alone (dispatcher stopped) beside the raw writer, interleaved and twice, without the
    /// dispatcher-on rounds and the statement profiles: the figure to compare while cutting the create's own cost.
    /// </summary>
    private static async Task QuickAsync(BenchApp app, TicketService service, CustomerSite[] customers, OutboxDispatcher dispatcher,
        int writers, TimeSpan duration, int seconds)
    {
        await dispatcher.StopAsync(CancellationToken.None);
        var types = app.Services.GetRequiredService<EventTypes>();
        using var gate = new SemaphoreSlim(1, 1);
        var raw = Enumerable.Range(0, writers).Select(_ => new RawTicketWriter(app.ConnectionString, types, gate)).ToArray();
        var rows = new List<(string Path, LoadResult Result, double KbPerTicket)>();
        // Bytes allocated per ticket (every thread) hardly depend on the machine's load, unlike CPU time.
        async Task Row(string path, int lanes, Func<int, long, Task> operation)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var result = await LoadRunner.RunAsync(lanes, duration, operation);
            rows.Add((path, result, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / result.Operations));
        }
        try
        {
            Task Create(int writer, long i) => service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, writer, i));
            Task Raw(int writer, long i) => raw[writer].WriteAsync(BenchCustomers.Pick(customers, writer, i));
            await LoadRunner.RunAsync(writers, TimeSpan.FromSeconds(1), Raw);
            for (var round = 1; round <= 2; round++)
            {
                await Row("CreateAsync, dispatcher stopped", writers, Create);
                await Row("raw, 1 tx per ticket, in-process gate", writers, Raw);
            }
            await Row("CreateAsync, dispatcher stopped", 1, Create);
            await Row("raw, 1 tx per ticket, in-process gate", 1, Raw);
        }
        finally
        {
            foreach (var writer in raw) writer.Dispose();
        }
        Table.Print($"Ticket creation alone (quick), {seconds} s per row", ["path", "writers", "tickets", "tickets/s", "p50 ms", "p99 ms", "CPU ms/ticket", "KB allocated/ticket"],
            rows.Select(r => new[]
            {
                r.Path, Table.N(r.Result.Writers), Table.N(r.Result.Operations), Table.N(r.Result.PerSecond),
                Latencies.Ms(r.Result.Latencies.Percentile(50)), Latencies.Ms(r.Result.Latencies.Percentile(99)),
                Table.N(r.Result.CpuMsPerOperation, "0.000"), Table.N(r.KbPerTicket, "0.0"),
            }));
        Console.WriteLine($"Rows per ticket: CreateAsync {await RowsPerTicketAsync(app.ConnectionString, "GD-%", "bench")}; " +
                          $"raw {await RowsPerTicketAsync(app.ConnectionString, "RW-%", "bench-raw")}.");
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static async Task<string> RowsPerTicketAsync(string connectionString, string numbers, string user)
    {
        await using var connection = RawSqlite.Open(connectionString);
        var tickets = await RawSqlite.ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM Tickets WHERE Number LIKE '{numbers}'");
        var events = await RawSqlite.ScalarAsync<long>(connection,
            $"SELECT COUNT(*) FROM TicketEvents e JOIN Tickets t ON t.Id = e.TicketId WHERE t.Number LIKE '{numbers}'");
        var audit = await RawSqlite.ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM AuditEntries WHERE UserId = '{user}'");
        var outbox = await RawSqlite.ScalarAsync<long>(connection,
            $"SELECT COUNT(*) FROM OutboxMessages m JOIN Tickets t ON t.Id = m.AggregateId WHERE t.Number LIKE '{numbers}'");
        return $"{tickets} tickets, per ticket {events / (double)tickets:0.##} timeline + {audit / (double)tickets:0.##} audit + " +
               $"{outbox / (double)tickets:0.##} outbox row(s) + the day-sequence UPSERT";
    }
}
