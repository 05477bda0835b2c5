using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>
/// The tracker recomputes before the write gate and writes inside it (ADR 0040): someone who writes the ticket's SLA row
/// or one of its timers in between makes it recompute again, never lose their write. Driven through the tracker's batch
/// entry under a probe handler's name, with the write path's hook standing in for the other writer.
/// </summary>
public sealed class SlaTrackerTwoPhase(SlaHost app) : IClassFixture<SlaHost>, IDisposable
{
    private const string Probe = "sla-two-phase-probe";

    public void Dispose() => app.Get<WritePath>().AfterPrepare = null;

    private async Task<long> SettledTicketAsync()
    {
        app.NextTuesday();
        var request = TestApp.NewRequest("上海", TestApp.Marker("SLA"), nameof(TicketType.Repair), nameof(TicketPriority.High));
        var id = (await app.Tickets.CreateAsync(TestApp.Admin, request)).Ticket.Row.Id;
        await app.SettledAsync(id);
        return id;
    }

    private Task TrackAsync(long ticketId) =>
        app.Get<SlaTracker>().HandleBatchAsync([new StoredEvent(0, nameof(TicketCreated),
            new TicketCreated(TicketType.Repair, TicketPriority.High, 0, "上海") { AggregateId = ticketId })], Probe, default);

    /// <summary>Runs <paramref name="writer"/> once, between the probe's first prepare and its write.</summary>
    private void InBetween(Func<Task> writer)
    {
        var once = 0;
        app.Get<WritePath>().AfterPrepare = handler =>
            handler == Probe && Interlocked.Exchange(ref once, 1) == 0 ? writer() : Task.CompletedTask;
    }

    [Fact]
    public async Task ARecomputationCommittedBetweenPrepareAndWriteIsFollowedNotOverwritten()
    {
        var ticketId = await SettledTicketAsync();
        var before = await app.SlaAsync(ticketId);
        var reprepared = StalePrepare.Reprepared;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var other = app.Clock.GetUtcNow();
        InBetween(async () =>
        {
            await app.Get<WritePath>().RunAsync(AccessScope.System, (db, ct) => app.Get<SlaRecalculator>().RecomputeAsync(db, ticketId, other, ct));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        });

        await TrackAsync(ticketId);

        var after = await app.SlaAsync(ticketId);
        // The other writer's version, then ours, computed again from what it left: not ours from before it wrote.
        after.Version.ShouldBe(before.Version + 2);
        after.ComputedAt.ShouldBe(other.AddMinutes(1));
        StalePrepare.Reprepared.ShouldBeGreaterThan(reprepared);
    }

    [Fact]
    public async Task ATimerTheWorkerFiredBetweenPrepareAndWriteStaysFiredAndIsNotMarkedCancelled()
    {
        var ticketId = await SettledTicketAsync();
        // A stray pending timer of the ticket: the recomputation wants it gone, so its prepare cancels it.
        var stray = new DueTimer { Kind = SlaRecalculator.TimerKind, Key = $"sla:{ticketId}:stray", TicketId = ticketId, DueAt = app.Clock.GetUtcNow().AddHours(1) };
        await using (var db = await app.DbAsync())
        {
            db.DueTimers.Add(stray);
            await db.SaveChangesAsync();
        }
        var firedAt = app.Clock.GetUtcNow();
        InBetween(async () =>
        {
            await using var db = await app.DbAsync();
            await db.DueTimers.Where(t => t.Id == stray.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.FiredAt, firedAt));
        });

        await TrackAsync(ticketId);

        await using var check = await app.DbAsync();
        var timer = await check.DueTimers.AsNoTracking().SingleAsync(t => t.Id == stray.Id);
        timer.FiredAt.ShouldBe(firedAt);
        timer.CancelledAt.ShouldBeNull();
    }

    [Fact]
    public async Task ADeliveryRepeatedAfterItCommittedChangesNothing()
    {
        var ticketId = await SettledTicketAsync();
        var created = new StoredEvent(0, nameof(TicketCreated),
            new TicketCreated(TicketType.Repair, TicketPriority.High, 0, "上海") { AggregateId = ticketId });
        await app.Get<SlaTracker>().HandleBatchAsync([created], Probe, default);
        var once = await app.SlaAsync(ticketId);

        // As after a crash between the commit and the checkpoint: the same event again.
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.Get<SlaTracker>().HandleBatchAsync([created], Probe, default);

        var twice = await app.SlaAsync(ticketId);
        twice.Version.ShouldBe(once.Version);
        twice.ComputedAt.ShouldBe(once.ComputedAt);
    }
}
