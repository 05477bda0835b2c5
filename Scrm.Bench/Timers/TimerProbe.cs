using System.Collections.Concurrent;
using Scrm.App.Data;
using Scrm.App.Features.Timers;

namespace Scrm.Bench.Timers;

/// <summary>The bench's timer handler: one audit row per timer, the kind of write a real handler makes.</summary>
internal sealed class BenchTimerHandler(TimerProbe probe) : ITimerHandler
{
    public const string BenchKind = "bench";

    public string Kind => BenchKind;

    public Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = timer.DueAt, UserId = "bench", UserName = "定时器压测", Entity = "TimerEffect", EntityId = timer.Key, Action = Kind,
        });
        // Timed at the commit, not here: "fired" means the effect is in the database.
        var due = timer.DueAt;
        db.WriteState.AfterCommit.Add(() => probe.Committed(due));
        return Task.CompletedTask;
    }
}

/// <summary>When each bench timer's firing committed, against its due time.</summary>
internal sealed class TimerProbe
{
    private ConcurrentQueue<(DateTimeOffset Due, DateTimeOffset Committed)> _seen = new();
    private int _expected = int.MaxValue;
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<(DateTimeOffset Due, DateTimeOffset Committed)> Seen => _seen;

    /// <summary>Forgets what was seen; the returned task completes once <paramref name="expected"/> more have committed.</summary>
    public Task Expect(int expected)
    {
        _seen = new();
        _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _expected, expected);
        return _all.Task;
    }

    public void Committed(DateTimeOffset due)
    {
        var seen = _seen;
        seen.Enqueue((due, DateTimeOffset.UtcNow));
        if (seen.Count >= Volatile.Read(ref _expected)) _all.TrySetResult();
    }
}
