using Scrm.App.Data;
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

    [Fact]
    public async Task KeepingATicketsTimersMovesWantedOnesAddsNewOnesAndCancelsTheRestButNeverRevivesAFiredOne()
    {
        var now = _kit.Clock.Now;
        const long ticket = 987_654;
        await KeepAsync(ticket, [(1, now), (2, now.AddMinutes(10)), (3, now.AddMinutes(20))]);
        (await _kit.Worker().FireDueAsync()).ShouldBe(1);

        await KeepAsync(ticket, [(1, now.AddMinutes(1)), (2, now.AddMinutes(15)), (4, now.AddMinutes(30))]);

        var stored = (await _kit.StoredAsync()).ToDictionary(t => t.Key);
        stored.Count.ShouldBe(4);
        stored[_kit.Key(1)].FiredAt.ShouldNotBeNull();
        stored[_kit.Key(1)].DueAt.ShouldBe(now);
        stored[_kit.Key(2)].DueAt.ShouldBe(now.AddMinutes(15));
        stored[_kit.Key(2)].CancelledAt.ShouldBeNull();
        stored[_kit.Key(3)].CancelledAt.ShouldBe(now);
        stored[_kit.Key(4)].DueAt.ShouldBe(now.AddMinutes(30));
        stored.Values.ShouldAllBe(t => t.TicketId == ticket);
    }

    [Fact]
    public async Task KeepingAgainBringsBackACancelledTimerAndLeavesOtherTicketsAlone()
    {
        var now = _kit.Clock.Now;
        await KeepAsync(111_111, [(1, now.AddMinutes(5)), (2, now.AddMinutes(5))]);
        await KeepAsync(222_222, [(3, now.AddMinutes(5))]);
        await KeepAsync(111_111, [(2, now.AddMinutes(5))]);
        await KeepAsync(111_111, [(1, now.AddMinutes(7)), (2, now.AddMinutes(5))]);

        (await _kit.StoredAsync(1)).CancelledAt.ShouldBeNull();
        (await _kit.StoredAsync(1)).DueAt.ShouldBe(now.AddMinutes(7));
        (await _kit.StoredAsync(3)).CancelledAt.ShouldBeNull();
    }

    [Fact]
    public async Task KeepingTwiceInOneWriteFindsTheTimersTheFirstKeepAddedInsteadOfAddingThemAgain()
    {
        var now = _kit.Clock.Now;
        const long ticket = 333_333;
        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await _kit.Timers.KeepAsync(db, _kit.Kind, ticket, [(_kit.Key(1), now.AddMinutes(5), "{}"), (_kit.Key(2), now.AddMinutes(6), "{}")], ct);
            // Read again in the same write, before anything is saved: the first keep's rows must be among what is read.
            var read = (await _kit.Timers.PendingOrFiredAsync(db, _kit.Kind, [ticket], ct))[ticket].ToList();
            read.Select(t => t.Key).ShouldBe([_kit.Key(1), _kit.Key(2)], ignoreOrder: true);
            _kit.Timers.Keep(db, _kit.Kind, ticket, read, [(_kit.Key(1), now.AddMinutes(8), "{}")]);
            return true;
        });

        var stored = (await _kit.StoredAsync()).Where(t => t.TicketId == ticket).ToDictionary(t => t.Key);
        stored.Count.ShouldBe(2);
        stored[_kit.Key(1)].DueAt.ShouldBe(now.AddMinutes(8));
        stored[_kit.Key(1)].CancelledAt.ShouldBeNull();
        stored[_kit.Key(2)].CancelledAt.ShouldBe(now);
    }

    private Task KeepAsync(long ticketId, IEnumerable<(int I, DateTimeOffset DueAt)> wanted) =>
        app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await _kit.Timers.KeepAsync(db, _kit.Kind, ticketId, wanted.Select(w => (_kit.Key(w.I), w.DueAt, "{}")).ToList(), ct);
            return true;
        });
}
