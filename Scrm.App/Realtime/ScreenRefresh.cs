using System.Diagnostics;

namespace Scrm.App.Realtime;

/// <summary>
/// A screen's re-read on change notices, coalesced: the first notice after a quiet spell re-reads at once; notices that
/// come while a re-read runs, or within <see cref="Spacing"/> of the last one's start, fold into one more re-read, started
/// after them. So a burst (a start-up catch-up, an SLA sweep, an import) costs an open screen a re-read per spacing, not
/// one per change, and the screen still ends on the newest state: every notice is followed by a re-read that starts
/// after it. Never two re-reads at a time. Made where the screen subscribes, so that its re-reads run in the screen's context.
/// </summary>
public sealed class ScreenRefresh(Func<Task> reread, TimeSpan spacing, ILogger logger) : IDisposable
{
    /// <summary>Short enough to feel live, long enough that a screen re-reads at most a few times a second.</summary>
    public static readonly TimeSpan DefaultSpacing = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _closed = new();
    // The screen's own async context (its UI culture above all): the re-read must speak the screen's language, not that
    // of the dispatcher thread that published the change.
    private readonly CapturedContext _screen = new();
    private bool _running;
    private bool _pending;
    private long _lastStart = long.MinValue;

    public TimeSpan Spacing => spacing;

    /// <summary>How many re-reads have started (for tests and benches).</summary>
    public int Rereads { get; private set; }

    /// <summary>A change concerns the screen. Cheap and safe to call on any thread.</summary>
    public void Notice()
    {
        lock (_lock)
        {
            if (_closed.IsCancellationRequested) return;
            if (_running)
            {
                _pending = true;
                return;
            }
            _running = true;
        }
        // Off the publisher's thread: a screen's re-read must never hold up the loop that published the change.
        _ = Task.Run(() => _screen.Run(RunAsync));
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                // UI pacing in real time, not the business clock (tests run that one by hand).
                var wait = _lastStart == long.MinValue ? TimeSpan.Zero : spacing - Stopwatch.GetElapsedTime(_lastStart);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _closed.Token);
                lock (_lock) _pending = false;
                _lastStart = Stopwatch.GetTimestamp();
                Rereads++;
                try
                {
                    await reread();
                }
                catch (Exception ex)
                {
                    // A screen closing under its re-read is no fault worth a warning.
                    if (!_closed.IsCancellationRequested) logger.LogWarning(ex, "A screen failed to re-read after a change");
                }
                lock (_lock)
                {
                    if (!_pending || _closed.IsCancellationRequested)
                    {
                        _running = false;
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_lock) _running = false;
        }
    }

    public void Dispose() => _closed.Cancel();
}
