using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Features.Timers;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Timers;

/// <summary>
/// Timers of one kind of their own on the shared test database, a clock the test moves, and workers built by hand
/// (new instances on the same database, like restarted or second app instances).
/// </summary>
public sealed class TimerKit(TestApp app)
{
    public const string EffectEntity = "TimerEffect";

    /// <summary>No other test (and no worker of the host) fires this kind.</summary>
    public string Kind { get; } = TestApp.Marker("t");

    public ManualClock Clock { get; } = new(new DateTimeOffset(2030, 3, 4, 5, 29, 0, TimeSpan.Zero));

    public TimerSignal Signal { get; } = new();

    public DueTimers Timers => new(Signal, Clock);

    public EffectHandler Handler { get; } = new();

    public TimerWorker Worker(string instance = "test-host", int batchSize = 100, int maxAttempts = 5, int fallbackPollSeconds = 10,
        WritePath? writes = null, ILogger<TimerWorker>? log = null) => new(
        [new KindHandler(Kind, Handler, Clock)], writes ?? app.Get<WritePath>(), app.Get<IDbContextFactory<ScrmDbContext>>(), Signal,
        Options.Create(new TimerOptions
        {
            InstanceId = instance, BatchSize = batchSize, MaxAttempts = maxAttempts, LeaseSeconds = 30, FallbackPollSeconds = fallbackPollSeconds,
        }),
        Clock, log ?? NullLogger<TimerWorker>.Instance);

    /// <summary>A write path of its own (own gate, no group commit): what a second app instance on the database has.</summary>
    public WritePath OtherInstanceWrites() =>
        new(app.Get<IDbContextFactory<ScrmDbContext>>(), new WriteGate(serialise: true));

    public string Key(int i) => $"{Kind}:{i}";

    public Task ScheduleAsync(int i, DateTimeOffset dueAt) => ScheduleAsync([(i, dueAt)]);

    /// <summary>Schedules in one write, as a flow step would.</summary>
    public Task ScheduleAsync(IEnumerable<(int I, DateTimeOffset DueAt)> timers) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            foreach (var (i, dueAt) in timers) await Timers.ScheduleAsync(db, Kind, Key(i), dueAt, payload: $"{{\"n\":{i}}}", ct: ct);
            return true;
        });

    public Task ScheduleManyAsync(int count, DateTimeOffset dueAt) =>
        ScheduleAsync(Enumerable.Range(0, count).Select(i => (i, dueAt)));

    public Task<bool> CancelAsync(int i) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, (db, ct) => Timers.CancelAsync(db, Key(i), ct));

    public async Task<List<DueTimer>> StoredAsync()
    {
        await using var db = await app.DbAsync();
        return await db.DueTimers.AsNoTracking().Where(t => t.Kind == Kind).OrderBy(t => t.Id).ToListAsync();
    }

    public async Task<DueTimer> StoredAsync(int i) => (await StoredAsync()).Single(t => t.Key == Key(i));

    /// <summary>The handler's committed changes, per timer key: what "fired once" means.</summary>
    public async Task<Dictionary<string, int>> EffectsAsync()
    {
        await using var db = await app.DbAsync();
        return await db.AuditEntries.Where(a => a.Entity == EffectEntity && a.Action == Kind)
            .GroupBy(a => a.EntityId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>Passes until one finds nothing due; returns how many fired.</summary>
    public static async Task<int> DrainAsync(TimerWorker worker, CancellationToken ct = default)
    {
        var fired = 0;
        for (int pass; (pass = await worker.FireDueAsync(ct)) > 0;) fired += pass;
        return fired;
    }

    public async Task WaitForEffectsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await EffectsAsync()).Values.Sum() < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {count} timers fired");
            await Task.Delay(20);
        }
    }

    private sealed class KindHandler(string kind, EffectHandler inner, TimeProvider clock) : ITimerHandler
    {
        public string Kind => kind;

        public Task FireAsync(ScrmDbContext db, DueTimer timer, CancellationToken ct) => inner.FireAsync(db, timer, clock, ct);
    }
}

/// <summary>Writes one row per firing on the worker's context; the test decides, per call, whether it fails first.</summary>
public sealed class EffectHandler
{
    private int _calls;

    /// <summary>Runs after the effect row is added and before the handler returns: throwing here undoes the row.</summary>
    public Func<DueTimer, int, Task>? After { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public async Task FireAsync(ScrmDbContext db, DueTimer timer, TimeProvider clock, CancellationToken ct)
    {
        var call = Interlocked.Increment(ref _calls);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = "timer-test", UserName = "定时器测试", Entity = TimerKit.EffectEntity,
            EntityId = timer.Key, Action = timer.Kind, After = timer.Payload,
        });
        if (After is { } after) await after(timer, call);
    }
}

/// <summary>Time the test sets; sleeps still run on real timers, for the length the worker asks.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    private long _jumpTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var now = Now;
        if (Interlocked.Exchange(ref _jumpTicks, 0) is var jump and not 0) Advance(TimeSpan.FromTicks(jump));
        return now;
    }

    /// <summary>The next reading sees the time as it is; every later one sees it moved on by <paramref name="by"/>.</summary>
    public void JumpAfterNextRead(TimeSpan by) => Interlocked.Exchange(ref _jumpTicks, by.Ticks);

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>A worker's log that runs <paramref name="onWarning"/> at its first warning: a moment between its transactions.</summary>
public sealed class StallAtWarning(Action onWarning) : ILogger<TimerWorker>
{
    private int _stalled;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning && Interlocked.Exchange(ref _stalled, 1) == 0) onWarning();
    }
}
