using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Scrm.Bench.Designer;

/// <summary>
/// What the circuit's renderer did while armed: how many components of each type it rendered, created and disposed,
/// read from the Renderer's own Debug events. Blazor has no public hook per component render; its log has one.
/// </summary>
internal sealed class RenderCounter : ILoggerProvider
{
    private const string Category = "Microsoft.AspNetCore.Components.RenderTree";

    private readonly ConcurrentDictionary<(string Event, string Type), int> _counts = new();
    private volatile bool _armed;

    /// <summary>The renderer's category at Debug for this provider; the console keeps to warnings.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [$"Logging:LogLevel:{Category}"] = "Debug",
        ["Logging:Console:LogLevel:Default"] = "Warning",
    };

    public void Arm()
    {
        _counts.Clear();
        _armed = true;
    }

    /// <summary>Counts since <see cref="Arm"/>, by event (RenderingComponent, InitializingChildComponent, DisposingComponent) and type.</summary>
    public Dictionary<(string Event, string Type), int> Disarm()
    {
        _armed = false;
        return new(_counts);
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(Category, StringComparison.Ordinal) ? new Counter(this) : NullLogger.Instance;

    public void Dispose() { }

    private sealed class Counter(RenderCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!owner._armed || state is not IReadOnlyList<KeyValuePair<string, object?>> values) return;
            // The first ComponentType is the component itself (a child's parent comes after it).
            var type = values.FirstOrDefault(v => v.Key == "ComponentType").Value as Type;
            if (type is null) return;
            owner._counts.AddOrUpdate((eventId.Name ?? eventId.Id.ToString(), type.Name.Split('`')[0]), 1, (_, n) => n + 1);
        }
    }
}
