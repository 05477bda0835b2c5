namespace Scrm.App.Data;

/// <summary>
/// SQLite has one writer at a time, and a writer that finds the lock taken sleeps and retries rather than queueing,
/// so under load some writes lose the race again and again (seconds of tail latency, docs/benchmarks.md).
/// Queueing ticket writes in the process first keeps them in order. SQL Server needs no gate: it is a pass-through.
/// </summary>
public sealed class WriteGate(bool serialise)
{
    private readonly SemaphoreSlim? _gate = serialise ? new SemaphoreSlim(1, 1) : null;

    /// <summary>True where writers really queue here (SQLite); false where the database keeps them apart.</summary>
    public bool Serialises => _gate is not null;

    public async Task<IDisposable> EnterAsync(CancellationToken ct = default)
    {
        if (_gate is null) return Released.Instance;
        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }

    private sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();

        public void Dispose() { }
    }
}
