using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Scrm.Bench.Infrastructure;

/// <summary>The in-process server's memory after forced collections: the managed heap and the process's resident set.</summary>
internal static class ServerMemory
{
    public static async Task<(double Heap, double Rss)> MeasureAsync()
    {
        // Let the last renders and their acknowledgements settle before collecting.
        await Task.Delay(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return (GC.GetTotalMemory(forceFullCollection: true), RssBytes());
    }

    private static double RssBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>How many Blazor circuits the in-process server holds open (registered with <see cref="CountingCircuitHandler"/>).</summary>
internal sealed class CircuitCount
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);

    /// <summary>Runs <paramref name="open"/> (a page load) and waits until the server holds one circuit more.</summary>
    public async Task OneMoreAsync(Func<Task> open, string what)
    {
        var expected = Open + 1;
        await open();
        for (var waited = 0; Open < expected; waited += 20)
        {
            if (waited > 30_000) throw new TimeoutException($"No circuit opened{what}.");
            await Task.Delay(20);
        }
    }
}

internal sealed class CountingCircuitHandler(CircuitCount count) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Closed();
        return Task.CompletedTask;
    }
}
