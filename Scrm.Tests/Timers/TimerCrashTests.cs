using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Timers;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Timers;

/// <summary>Workers stopped mid-batch, dead with timers claimed, or racing each other: every timer's effect is kept once.</summary>
[Collection(AppCollection.Name)]
public sealed class TimerCrashes(TestApp app)
{
    private readonly TimerKit _kit = new(app);

    [Fact]
    public async Task AWorkerStoppedMidBatchLeavesTheRestToTheNextAndNothingFiresTwice()
    {
        await _kit.ScheduleManyAsync(50, _kit.Clock.Now);
        using var stop = new CancellationTokenSource();
        _kit.Handler.After = async (_, call) =>
        {
            if (call != 25) return;
            await stop.CancelAsync();
            stop.Token.ThrowIfCancellationRequested();
        };
        var first = _kit.Worker("stopped", batchSize: 10);

        await Should.ThrowAsync<OperationCanceledException>(() => TimerKit.DrainAsync(first, stop.Token));
        (await _kit.EffectsAsync()).Count.ShouldBe(20);

        _kit.Handler.After = null;
        (await TimerKit.DrainAsync(_kit.Worker("next", batchSize: 10))).ShouldBe(30);
        await ShouldHaveFiredEachOnceAsync(50);
    }

    [Fact]
    public async Task AHandlerThrowingMidBatchCostsOnlyItsOwnTimerATry()
    {
        await _kit.ScheduleManyAsync(30, _kit.Clock.Now);
        var failures = 0;
        _kit.Handler.After = (timer, _) =>
            timer.Key == _kit.Key(7) && Interlocked.Increment(ref failures) <= 2 ? throw new InvalidOperationException("派单失败") : Task.CompletedTask;

        (await TimerKit.DrainAsync(_kit.Worker("first", batchSize: 10))).ShouldBe(29);
        (await _kit.StoredAsync(7)).Attempts.ShouldBe(1);

        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        (await TimerKit.DrainAsync(_kit.Worker("second", batchSize: 10))).ShouldBe(1);
        await ShouldHaveFiredEachOnceAsync(30);
    }

    [Fact]
    public async Task AClaimOfAWorkerThatDiedIsTakenOverOnceTheLeaseRunsOut()
    {
        await _kit.ScheduleManyAsync(3, _kit.Clock.Now);
        await using (var db = await app.DbAsync())
        {
            // What a worker killed between its claim and its commit leaves behind.
            var until = _kit.Clock.Now.AddSeconds(30);
            await db.DueTimers.Where(t => t.Kind == _kit.Kind)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ClaimedBy, "dead-host 1").SetProperty(t => t.ClaimedUntil, until));
        }
        var survivor = _kit.Worker("survivor");

        (await survivor.FireDueAsync()).ShouldBe(0);
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));

        (await survivor.FireDueAsync()).ShouldBe(3);
        await ShouldHaveFiredEachOnceAsync(3);
    }

    [Fact]
    public async Task AWorkerThatStalledPastItsLeaseCannotFireWhatAnotherTookOver()
    {
        await _kit.ScheduleManyAsync(5, _kit.Clock.Now);
        _kit.Handler.After = (_, call) => call == 1 ? throw new InvalidOperationException("第一次失败") : Task.CompletedTask;
        var takenOver = 0;
        // After its batch failed, the first worker still holds its claims; it stalls past the lease meanwhile.
        var stalling = _kit.Worker("stalling", log: new StallAtWarning(() =>
        {
            _kit.Clock.Advance(TimeSpan.FromSeconds(31));
            takenOver = TimerKit.DrainAsync(_kit.Worker("taking-over", writes: _kit.OtherInstanceWrites())).GetAwaiter().GetResult();
        }));

        (await stalling.FireDueAsync()).ShouldBe(0);

        takenOver.ShouldBe(5);
        await ShouldHaveFiredEachOnceAsync(5);
    }

    [Fact]
    public async Task TwoInstancesFiringAThousandDueTimersAtOnceFireEachOnce()
    {
        await _kit.ScheduleManyAsync(1000, _kit.Clock.Now);
        var here = _kit.Worker("instance-a", batchSize: 50);
        var there = _kit.Worker("instance-b", batchSize: 50, writes: _kit.OtherInstanceWrites());

        var fired = await Task.WhenAll(Task.Run(() => TimerKit.DrainAsync(here)), Task.Run(() => TimerKit.DrainAsync(there)));

        fired.Sum().ShouldBe(1000);
        await ShouldHaveFiredEachOnceAsync(1000);
    }

    private async Task ShouldHaveFiredEachOnceAsync(int count)
    {
        var effects = await _kit.EffectsAsync();
        effects.Count.ShouldBe(count);
        effects.Where(e => e.Value != 1).ShouldBeEmpty();
        (await _kit.StoredAsync()).Where(t => t.FiredAt is null).ShouldBeEmpty();
    }
}
