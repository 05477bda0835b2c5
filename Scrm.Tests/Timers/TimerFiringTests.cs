using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Timers;

[Collection(AppCollection.Name)]
public sealed class TimerFiring(TestApp app)
{
    private readonly TimerKit _kit = new(app);

    [Fact]
    public async Task ADueTimerFiresOnceAtItsTimeAndNotBefore()
    {
        // 05:30 sharp: a pass a tick before fires nothing, the pass at 05:30 fires it, later passes never again.
        var due = new DateTimeOffset(2030, 3, 4, 5, 30, 0, TimeSpan.Zero);
        await _kit.ScheduleAsync(1, due);
        var worker = _kit.Worker();

        _kit.Clock.Now = due.AddTicks(-1);
        (await worker.FireDueAsync()).ShouldBe(0);
        _kit.Clock.Now = due;
        (await worker.FireDueAsync()).ShouldBe(1);
        _kit.Clock.Now = due.AddMinutes(1);
        (await worker.FireDueAsync()).ShouldBe(0);
        (await _kit.Worker("restarted").FireDueAsync()).ShouldBe(0);

        (await _kit.EffectsAsync()).ShouldBe(new Dictionary<string, int> { [_kit.Key(1)] = 1 });
        var fired = await _kit.StoredAsync(1);
        fired.FiredAt.ShouldBe(due);
        fired.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task AThrowingHandlersChangeIsUndoneWithTheFiredMarkAndTheTimerIsTriedAgainLater()
    {
        await _kit.ScheduleAsync(1, _kit.Clock.Now);
        _kit.Handler.After = (_, call) => call == 1 ? throw new InvalidOperationException("工单系统暂不可用") : Task.CompletedTask;
        var worker = _kit.Worker();

        (await worker.FireDueAsync()).ShouldBe(0);
        var failed = await _kit.StoredAsync(1);
        failed.FiredAt.ShouldBeNull();
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldBe("InvalidOperationException: 工单系统暂不可用");
        (await _kit.EffectsAsync()).ShouldBeEmpty();

        // Not at once: it waits out its backoff.
        (await worker.FireDueAsync()).ShouldBe(0);
        _kit.Clock.Advance(Scrm.App.Features.Timers.TimerOptions.Backoff(1));
        (await worker.FireDueAsync()).ShouldBe(1);
        (await _kit.EffectsAsync())[_kit.Key(1)].ShouldBe(1);
    }

    [Fact]
    public async Task ATimerThatKeepsFailingIsParkedWithItsError()
    {
        await _kit.ScheduleAsync(1, _kit.Clock.Now);
        _kit.Handler.After = (_, _) => throw new TimeoutException("短信网关超时");
        var worker = _kit.Worker(maxAttempts: 3);

        for (var i = 0; i < 6; i++)
        {
            (await worker.FireDueAsync()).ShouldBe(0);
            _kit.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        var parked = await _kit.StoredAsync(1);
        parked.Attempts.ShouldBe(3);
        parked.FiredAt.ShouldBeNull();
        parked.LastError.ShouldBe("TimeoutException: 短信网关超时");
        _kit.Handler.Calls.ShouldBe(3);
        (await _kit.EffectsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task RestartedAfterDowntimeItFiresEveryTimerThatFellDueMeanwhileOnce()
    {
        var start = _kit.Clock.Now;
        await _kit.ScheduleAsync(Enumerable.Range(0, 40).Select(i => (i, start.AddMinutes(i + 1))));
        await _kit.ScheduleAsync(Enumerable.Range(100, 5).Select(i => (i, start.AddHours(3))));
        (await _kit.Worker("before").FireDueAsync()).ShouldBe(0);

        _kit.Clock.Advance(TimeSpan.FromHours(2));
        var restarted = _kit.Worker("after", batchSize: 15);
        (await TimerKit.DrainAsync(restarted)).ShouldBe(40);
        (await TimerKit.DrainAsync(_kit.Worker("after-again"))).ShouldBe(0);
        _kit.Clock.Advance(TimeSpan.FromHours(2));
        (await TimerKit.DrainAsync(restarted)).ShouldBe(5);

        var effects = await _kit.EffectsAsync();
        effects.Count.ShouldBe(45);
        effects.Values.ShouldAllBe(n => n == 1);
    }

    /// <summary>
    /// The worker looks for what is due, finds nothing, then asks when to wake next; a timer falling due between the
    /// two (here: the clock moves on right after the first look) is due already when it asks. It must wake at once,
    /// not sleep until a later timer or the fallback poll (an hour here; the bench saw one timer in 2,000 fire 10 s late).
    /// </summary>
    [Fact]
    public async Task ATimerFallingDueBetweenThePassAndTheLookForTheNextWakeFiresWithoutWaitingForThePoll()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync(0, now.AddSeconds(1));
        var worker = _kit.Worker(fallbackPollSeconds: 3600);
        _kit.Clock.JumpAfterNextRead(TimeSpan.FromSeconds(2));
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await _kit.WaitForEffectsAsync(1);
            (await _kit.EffectsAsync()).ShouldBe(new Dictionary<string, int> { [_kit.Key(0)] = 1 });
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ATimerScheduledWhileTheWorkerSleepsWakesIt()
    {
        var now = _kit.Clock.Now;
        await _kit.ScheduleAsync(0, now.AddHours(1));
        await _kit.ScheduleAsync(1, now);
        // Without the wake-up it would sleep an hour: until the 0th timer, and no poll sooner.
        var worker = _kit.Worker(fallbackPollSeconds: 3600);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await _kit.WaitForEffectsAsync(1);
            await Task.Delay(200);  // asleep now, until the 0th timer

            await _kit.ScheduleAsync(2, now);

            await _kit.WaitForEffectsAsync(2);
            (await _kit.EffectsAsync()).Keys.Order().ShouldBe([_kit.Key(1), _kit.Key(2)]);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
