namespace Scrm.E2E.Infrastructure;

/// <summary>
/// The app's clock in the browser tests: real time, plus an offset a test may move forward to see what happens
/// later ("30 minutes pass, the escalation fires") and must put back. Timers still run in real time; a test that
/// moves the clock asks the worker to fire what fell due.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward; dispose the result to move it back.</summary>
    public IDisposable Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return new Back(this, by);
    }

    private sealed class Back(ShiftableClock clock, TimeSpan by) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Interlocked.Add(ref clock._offsetTicks, -by.Ticks);
        }
    }
}
