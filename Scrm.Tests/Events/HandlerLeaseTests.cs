using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Events;

/// <summary>Two app instances on one database: only the lease holder may deliver to a handler and move its position.</summary>
[Collection(AppCollection.Name)]
public sealed class HandlerLease(TestApp app)
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task OnlyOneInstanceHoldsAHandlerAndTheOtherTakesOverWhenTheLeaseRunsOut()
    {
        var handler = TestApp.Marker("handler");
        var first = Ledger("instance-a");
        var second = Ledger("instance-b");

        (await first.ClaimAsync(handler, default)).ShouldBe(0);
        (await second.ClaimAsync(handler, default)).ShouldBeNull();
        (await first.AdvanceAsync(handler, 0, 40, default)).ShouldBeTrue();
        (await second.AdvanceAsync(handler, 40, 99, default)).ShouldBeFalse();

        _clock.Now += TimeSpan.FromSeconds(31);
        (await second.ClaimAsync(handler, default)).ShouldBe(40);
        (await first.AdvanceAsync(handler, 40, 50, default)).ShouldBeFalse();
        (await first.ClaimAsync(handler, default)).ShouldBeNull();
        (await PositionAsync(handler)).ShouldBe(40);
    }

    [Fact]
    public async Task TwoInstancesClaimingAtOnceNeverBothWin()
    {
        var handler = TestApp.Marker("handler");
        var ledgers = Enumerable.Range(0, 6).Select(i => Ledger($"instance-{i}")).ToList();

        var claims = await Task.WhenAll(ledgers.Select(l => Task.Run(() => l.ClaimAsync(handler, default))));

        claims.Count(c => c is not null).ShouldBe(1);
    }

    [Fact]
    public async Task AnInstanceRestartedUnderTheSameNameResumesAtOnce()
    {
        var handler = TestApp.Marker("handler");
        await Ledger("host-1").ClaimAsync(handler, default);
        await Ledger("host-1").AdvanceAsync(handler, 0, 7, default);

        (await Ledger("host-1").ClaimAsync(handler, default)).ShouldBe(7);
    }

    private HandlerLedger Ledger(string instance) => new(
        app.Get<IDbContextFactory<ScrmDbContext>>(), app.Get<WriteGate>(),
        Options.Create(new EventOptions { InstanceId = instance, Lease = TimeSpan.FromSeconds(30) }), _clock);

    private async Task<long> PositionAsync(string handler)
    {
        await using var db = await app.DbAsync();
        return await db.HandlerCheckpoints.Where(c => c.Handler == handler).Select(c => c.Position).SingleAsync();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
