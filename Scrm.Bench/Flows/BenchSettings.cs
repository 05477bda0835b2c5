using Scrm.App.Events;
using Scrm.Bench.Infrastructure;

namespace Scrm.Bench.Flows;

internal static class BenchSettings
{
    /// <summary>
    /// `--linger N` (ms) overrides the durable handlers' linger (EventOptions.Linger); without it the app's default runs,
    /// so that the figure measures the app as it ships. Prints what runs, with the thread pool's spin limit beside it.
    /// </summary>
    public static Dictionary<string, string> WithLinger(BenchOptions options, Dictionary<string, string> settings)
    {
        var linger = options.Text("linger") is null ? EventOptions.DefaultLinger : TimeSpan.FromMilliseconds(options.Int("linger", 0));
        settings["Events:Linger"] = linger.ToString();
        Console.WriteLine($"Events:Linger {linger.TotalMilliseconds:0} ms{(options.Text("linger") is null ? " (the app's default)" : "")}; " +
                          $"thread pool: UnfairSemaphoreSpinLimit {SpinLimit()}");
        return settings;
    }

    // The runtime config's value (Runtime.props, in the app's and this bench's runtimeconfig.json); the environment variable,
    // parsed as hex like every DOTNET_ setting, overrides it.
    private static string SpinLimit() =>
        (AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit")?.ToString() ?? "not set (the runtime's 70)") +
        (Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is { } env ? $", DOTNET_ThreadPool_UnfairSemaphoreSpinLimit={env}" : "");
}
