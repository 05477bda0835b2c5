using System.Diagnostics;

namespace Scrm.Bench.Infrastructure;

/// <param name="Cpu">CPU time the whole process used meanwhile (every thread: the writers, the app's background work, GC).</param>
internal sealed record LoadResult(int Writers, int Operations, TimeSpan Elapsed, Latencies Latencies, TimeSpan Cpu)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double CpuMsPerOperation => Cpu.TotalMilliseconds / Operations;
}

/// <summary>N writers, each in a loop for a fixed time; every operation's latency is kept.</summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int writers, TimeSpan duration, Func<int, long, Task> operation)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var lanes = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var latencies = new List<double>(64 * 1024);
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(writer, i);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return latencies;
        })).ToArray();
        var all = await Task.WhenAll(lanes);
        var elapsed = clock.Elapsed;
        return new LoadResult(writers, all.Sum(l => l.Count), elapsed, new Latencies(all.SelectMany(l => l)),
            Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
