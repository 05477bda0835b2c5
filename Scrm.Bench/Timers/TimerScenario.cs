using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Timers;

/// <summary>
/// The app's own TimerWorker over a table of 100,000 pending timers: 1,000 falling due at one instant, fired with one
/// audit row each (until the last firing committed); then timers falling due continuously, each one's lateness
/// (its firing committed − its due time); beside raw SQLite doing the same claim, fired marks and rows.
/// </summary>
internal static class TimerScenario
{
    public const double TargetBurstSeconds = 1;
    public const double TargetLatenessP99Ms = 1000;

    public static async Task RunAsync(BenchOptions options)
    {
        var pending = options.Int("pending", 100_000);
        var burst = options.Int("due", 1_000);
        var seconds = options.Int("seconds", 10);
        var perSecond = options.Int("rate", 200);
        Table.Machine("timers");
        await using var app = BenchApp.Start("timers", new Dictionary<string, string> { ["Demo:Seed"] = "false" }, services: s =>
        {
            s.AddSingleton<TimerProbe>();
            s.AddTimerHandler<BenchTimerHandler>();
        });
        var probe = app.Services.GetRequiredService<TimerProbe>();
        var fill = Stopwatch.StartNew();
        await TimerPrefill.InsertAsync(app.ConnectionString, BenchTimerHandler.BenchKind, "pending", pending, DateTimeOffset.UtcNow.AddDays(1));
        Console.WriteLine($"{pending:N0} pending timers (due tomorrow) written in {fill.Elapsed.TotalSeconds:0.0} s; database {app.DatabasePath}");

        await BurstAsync(app, probe, "warm-up", 200);
        var (burstTime, burstLateness) = await BurstAsync(app, probe, "burst", burst);
        var steady = await ContinuousAsync(app, probe, seconds, perSecond);

        await TimerPrefill.InsertAsync(app.ConnectionString, "raw", "raw", burst, DateTimeOffset.UtcNow.AddSeconds(-1));
        var raw = await RawTimerFiring.FireAllAsync(app.ConnectionString, "raw", 100);

        Table.Print($"Firing {burst:N0} timers due at one instant among {pending:N0} pending (one audit row each)",
            ["path", "timers", "seconds", "timers/s", "p50 late ms", "p99 late ms", "max late ms"],
        [
            ["TimerWorker (EF, write path, group commit)", Table.N(burst), Table.N(burstTime.TotalSeconds, "0.000"), Table.N(burst / burstTime.TotalSeconds),
                Latencies.Ms(burstLateness.Percentile(50)), Latencies.Ms(burstLateness.Percentile(99)), Latencies.Ms(burstLateness.Max)],
            ["raw SQLite, same statements (baseline)", Table.N(burst), Table.N(raw.TotalSeconds, "0.000"), Table.N(burst / raw.TotalSeconds), "-", "-", "-"],
        ]);
        Table.Print($"Timers falling due continuously ({perSecond}/s for {seconds} s, each 0–2 s after it was scheduled)",
            ["path", "timers", "p50 late ms", "p95 late ms", "p99 late ms", "max late ms"],
            [["TimerWorker", Table.N(steady.Count), Latencies.Ms(steady.Percentile(50)), Latencies.Ms(steady.Percentile(95)),
                Latencies.Ms(steady.Percentile(99)), Latencies.Ms(steady.Max)]]);
        Console.WriteLine($"Target: {burst:N0} due fired ≤ {TargetBurstSeconds:0} s: {(burstTime.TotalSeconds <= TargetBurstSeconds ? "met" : "MISSED")}; " +
                          $"p99 lateness ≤ {TargetLatenessP99Ms:0} ms: {(steady.Percentile(99) <= TargetLatenessP99Ms && burstLateness.Percentile(99) <= TargetLatenessP99Ms ? "met" : "MISSED")}.");
    }

    /// <summary>Schedules <paramref name="count"/> timers due at one instant a little ahead, and times until the last firing committed.</summary>
    private static async Task<(TimeSpan Time, Latencies Lateness)> BurstAsync(BenchApp app, TimerProbe probe, string name, int count)
    {
        // Far enough ahead that scheduling them (a key lookup each) is done before they fall due.
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var all = probe.Expect(count);
        await ScheduleAsync(app, Enumerable.Range(0, count).Select(i => ($"{name}:{i}", dueAt)));
        var scheduled = DateTimeOffset.UtcNow;
        if (scheduled > dueAt) Console.WriteLine($"{name}: scheduling {count} timers took longer than the 3 s head start; the time below includes the rest.");
        await all.WaitAsync(TimeSpan.FromMinutes(2));
        var last = probe.Seen.Max(s => s.Committed);
        return (last - dueAt, new Latencies(probe.Seen.Select(s => (s.Committed - s.Due).TotalMilliseconds)));
    }

    /// <summary>Every 50 ms a write schedules a few timers due 0–2 s later, for <paramref name="seconds"/> s.</summary>
    private static async Task<Latencies> ContinuousAsync(BenchApp app, TimerProbe probe, int seconds, int perSecond)
    {
        var perWrite = Math.Max(1, perSecond / 20);
        var writes = seconds * 20;
        var all = probe.Expect(writes * perWrite);
        var random = new Random(8);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var w = 0; w < writes && await tick.WaitForNextTickAsync(); w++)
        {
            var now = DateTimeOffset.UtcNow;
            await ScheduleAsync(app, Enumerable.Range(0, perWrite).Select(i => ($"steady:{w}:{i}", now.AddMilliseconds(random.Next(0, 2000)))));
        }
        await all.WaitAsync(TimeSpan.FromMinutes(2));
        return new Latencies(probe.Seen.Select(s => (s.Committed - s.Due).TotalMilliseconds));
    }

    private static Task ScheduleAsync(BenchApp app, IEnumerable<(string Key, DateTimeOffset DueAt)> timers)
    {
        var dueTimers = app.Services.GetRequiredService<DueTimers>();
        return app.Services.GetRequiredService<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            foreach (var (key, dueAt) in timers) await dueTimers.ScheduleAsync(db, BenchTimerHandler.BenchKind, key, dueAt, ct: ct);
            return true;
        });
    }
}
