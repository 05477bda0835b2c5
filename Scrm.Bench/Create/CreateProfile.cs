using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Diagnostics;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Create;

/// <summary>
/// Where a create's time goes. The app's own TicketService and WritePath (same write gate, interceptors and file) run
/// on <see cref="RecordingContexts"/>, which see every statement SQLite runs. The write path takes the gate and then
/// opens the connection, so a create's first statement marks (within microseconds) the moment it got the gate, and the
/// end of its commit the moment it lets go: before = call → first statement (waiting for the gate), in gate = first
/// statement → commit returned, after = the rest. A second pass with SQLite's profile gives the time inside SQLite.
/// </summary>
internal static class CreateProfile
{
    /// <param name="Statements">Per kind, in the order a create runs them: how many per create, and the milliseconds per
    /// create from the start of each to the start of the next (or to the end of the commit): SQLite's work plus the app's.</param>
    internal sealed record Result(int Writers, LoadResult Load, Latencies Before, Latencies InGate, Latencies After,
        IReadOnlyList<(string Kind, double PerCreate, double UntilNextMs)> Statements)
    {
        /// <summary>The share of the wall time some create held the gate.</summary>
        public double GateBusy => InGate.Mean * InGate.Count / Load.Elapsed.TotalMilliseconds;
    }

    public static async Task<Result> RunAsync(BenchApp app, CustomerSite[] customers, int writers, TimeSpan duration)
    {
        var (load, creates) = await RecordAsync(app, customers, writers, duration, SqliteHook.Trace);
        var (before, inGate, after) = (new Latencies(), new Latencies(), new Latencies());
        foreach (var (called, returned, statements) in creates)
        {
            var first = statements[0].At;
            var committed = statements.Last(s => s.Sql == ProfiledStatement.Committed).At;
            before.Add(Ms(called, first));
            inGate.Add(Ms(first, committed));
            after.Add(Ms(committed, returned));
        }
        var order = creates.OrderByDescending(c => c.Statements.Count).First().Statements.Select(s => s.Kind).Distinct().ToList();
        var kinds = creates
            .SelectMany(c => c.Statements.Zip(c.Statements.Skip(1), (s, next) => (s.Kind, Ms: Ms(s.At, next.At))))
            .GroupBy(s => s.Kind)
            .Select(g => (g.Key, g.Count() / (double)creates.Count, g.Sum(s => s.Ms) / creates.Count))
            .OrderBy(k => order.IndexOf(k.Key)).ToList();
        return new Result(writers, load, before, inGate, after, kinds);
    }

    /// <summary>Mean milliseconds inside SQLite per create, by statement kind (one writer, SQLite's profile).</summary>
    public static async Task<IReadOnlyList<(string Kind, double Ms)>> InsideSqliteAsync(BenchApp app, CustomerSite[] customers, TimeSpan duration)
    {
        var (_, creates) = await RecordAsync(app, customers, 1, duration, SqliteHook.Profile);
        return creates.SelectMany(c => c.Statements).Where(s => !double.IsNaN(s.SqliteMs)).GroupBy(s => s.Kind)
            .Select(g => (g.Key, g.Sum(s => s.SqliteMs) / creates.Count)).OrderByDescending(k => k.Item2).ToList();
    }

    private static async Task<(LoadResult, List<(long Called, long Returned, List<ProfiledStatement> Statements)>)> RecordAsync(
        BenchApp app, CustomerSite[] customers, int writers, TimeSpan duration, SqliteHook hook)
    {
        var recording = new RecordingContexts(app.Services, app.ConnectionString, hook);
        // One transaction per create (no group commit), so that each create's statements, its commit included, are its own.
        var writes = new WritePath(recording, app.Services.GetRequiredService<WriteGate>());
        var service = recording.Create<TicketService>(writes);
        var creates = new ConcurrentBag<(long Called, long Returned, List<ProfiledStatement> Statements)>();
        var load = await LoadRunner.RunAsync(writers, duration, async (writer, i) =>
        {
            var statements = new List<ProfiledStatement>();
            recording.TrackFlow(statements);
            var called = Stopwatch.GetTimestamp();
            await service.CreateAsync(BenchScopes.Admin, BenchCustomers.Request(customers, writer, i));
            creates.Add((called, Stopwatch.GetTimestamp(), statements));
        });
        return (load, [.. creates]);
    }

    public static void Print(Result single, Result concurrent, IReadOnlyList<(string Kind, double Ms)> insideSqlite)
    {
        Table.Print($"Where a create's time goes (recording contexts, {single.Load.Elapsed.TotalSeconds:0} s per row)",
            ["writers", "creates/s", "call p50 / p99 ms", "before gate p50 / p99", "in gate p50 / p99", "after commit p50", "gate busy"],
            new[] { single, concurrent }.Select(r => new[]
            {
                Table.N(r.Writers), Table.N(r.Load.PerSecond), Pair(r.Load.Latencies), Pair(r.Before), Pair(r.InGate),
                Latencies.Ms(r.After.Percentile(50)), $"{r.GateBusy:P0}",
            }));
        var sqlite = insideSqlite.ToDictionary(k => k.Kind, k => k.Ms);
        Table.Print("One create inside the gate, statement by statement (1 writer, means per create)",
            ["statement (in the order run)", "per create", "ms from its start to the next", "of which inside SQLite"],
            single.Statements.Select(s => new[]
            {
                s.Kind, Table.N(s.PerCreate, "0.##"), Table.N(s.UntilNextMs, "0.000"), Table.N(sqlite.GetValueOrDefault(s.Kind), "0.000"),
            }));
        Console.WriteLine($"Statements per create: {single.Statements.Sum(s => s.PerCreate):0.##}; in the gate {single.InGate.Mean:0.000} ms, of which " +
                          $"{insideSqlite.Sum(k => k.Ms):0.000} ms inside SQLite (means, 1 writer; the first statement is the first thing after the gate).");
    }

    private static string Pair(Latencies l) => $"{Latencies.Ms(l.Percentile(50))} / {Latencies.Ms(l.Percentile(99))}";

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
