using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Timers;

[Collection(AppCollection.Name)]
public sealed class TimerScheduling(TestApp app)
{
    private readonly TimerKit _kit = new(app);

    [Fact]
    public async Task SchedulingAKeyAgainKeepsOneTimerAndMovesIt()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync(1, now.AddMinutes(10));
        await _kit.ScheduleAsync(1, now.AddMinutes(20));
        await _kit.ScheduleAsync([(2, now.AddMinutes(5)), (2, now.AddMinutes(6))]);

        var stored = await _kit.StoredAsync();
        stored.Count.ShouldBe(2);
        (await _kit.StoredAsync(1)).DueAt.ShouldBe(now.AddMinutes(20));
        (await _kit.StoredAsync(2)).DueAt.ShouldBe(now.AddMinutes(6));
    }

    [Fact]
    public async Task AMovedTimerFiresAtItsNewTimeNotItsOldOne()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync(1, now.AddMinutes(1));
        await _kit.ScheduleAsync(1, now.AddMinutes(30));
        var worker = _kit.Worker();

        _kit.Clock.Advance(TimeSpan.FromMinutes(2));
        (await worker.FireDueAsync()).ShouldBe(0);
        _kit.Clock.Advance(TimeSpan.FromMinutes(28));
        (await worker.FireDueAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task SchedulingAFiredKeyAgainDoesNotFireItAgain()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync(1, now);
        var worker = _kit.Worker();
        (await worker.FireDueAsync()).ShouldBe(1);

        await _kit.ScheduleAsync(1, now.AddMinutes(1));
        _kit.Clock.Advance(TimeSpan.FromMinutes(5));

        (await worker.FireDueAsync()).ShouldBe(0);
        (await _kit.StoredAsync()).Count.ShouldBe(1);
        (await _kit.EffectsAsync())[_kit.Key(1)].ShouldBe(1);
    }

    [Fact]
    public async Task ACancelledTimerNeverFires()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync([(1, now.AddMinutes(1)), (2, now.AddMinutes(1))]);
        (await _kit.CancelAsync(1)).ShouldBeTrue();
        var worker = _kit.Worker();

        _kit.Clock.Advance(TimeSpan.FromDays(1));
        await TimerKit.DrainAsync(worker);

        var effects = await _kit.EffectsAsync();
        effects.ShouldNotContainKey(_kit.Key(1));
        effects[_kit.Key(2)].ShouldBe(1);
        var cancelled = await _kit.StoredAsync(1);
        cancelled.FiredAt.ShouldBeNull();
        cancelled.CancelledAt.ShouldBe(now);
    }

    [Fact]
    public async Task CancellingAFiredOrUnknownTimerChangesNothing()
    {
        await _kit.ScheduleAsync(1, _kit.Clock.Now);
        await _kit.Worker().FireDueAsync();

        (await _kit.CancelAsync(1)).ShouldBeFalse();
        (await _kit.CancelAsync(99)).ShouldBeFalse();
        (await _kit.StoredAsync(1)).CancelledAt.ShouldBeNull();
    }
}
