using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Timers;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>The tracker's batch path: several tickets recomputed in one write, their new timers put in with one insert.</summary>
public sealed class SlaBatchTests(SlaHost app) : IClassFixture<SlaHost>
{
    private async Task<long> CreateAsync(string priority)
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("SLA"), nameof(TicketType.Repair), priority);
        var id = (await app.Tickets.CreateAsync(TestApp.Admin, request)).Ticket.Row.Id;
        await app.SettledAsync(id);
        return id;
    }

    private async Task<List<DueTimer>> TimersAsync(long[] tickets)
    {
        await using var db = await app.DbAsync();
        return await db.DueTimers.AsNoTracking().Where(t => t.Kind == SlaRecalculator.TimerKind && tickets.Contains(t.TicketId!.Value))
            .OrderBy(t => t.Key).ToListAsync();
    }

    [Fact]
    public async Task ABatchOfTwoTicketsGivesEachItsOwnTimersWrittenWithOneInsertAsTheTrackerWroteThem()
    {
        app.NextTuesday();
        long[] tickets = [await CreateAsync(nameof(TicketPriority.Urgent)), await CreateAsync(nameof(TicketPriority.Normal))];
        var before = await TimersAsync(tickets);
        before.Select(t => t.TicketId).Distinct().Count().ShouldBe(2);
        await using (var db = await app.DbAsync()) await db.DueTimers.Where(t => tickets.Contains(t.TicketId!.Value)).ExecuteDeleteAsync();

        var inserted = 0;
        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await app.Get<SlaRecalculator>().RecomputeManyAsync(db, tickets, app.Clock.GetUtcNow(), ct);
            inserted = await app.Get<DueTimers>().InsertAddedAsync(db, ct);
            return true;
        });

        inserted.ShouldBe(before.Count(t => t.CancelledAt is null));
        var after = await TimersAsync(tickets);
        after.Select(t => (t.Key, t.TicketId, t.DueAt, t.Payload)).ShouldBe(
            before.Where(t => t.CancelledAt is null).Select(t => (t.Key, t.TicketId, t.DueAt, t.Payload)));
        after.ShouldAllBe(t => t.FiredAt == null && t.CancelledAt == null && t.Attempts == 0);
    }

    [Fact]
    public async Task ABatchWithMoreTimersThanOneInsertTakesGoesInChunkByChunkWithEveryRowAsTheTrackerWroteIt()
    {
        app.NextTuesday();
        // Each ticket keeps one step timer and one breach timer per clock: six here, so four tickets need two inserts.
        var tickets = new List<long>();
        for (var i = 0; i < 4; i++) tickets.Add(await CreateAsync(nameof(TicketPriority.Normal)));
        var before = (await TimersAsync([.. tickets])).Where(t => t.CancelledAt is null).ToList();
        before.Count.ShouldBeGreaterThan(Scrm.App.Data.Interceptors.AppendedRows.RowsPerCommand);
        await using (var db = await app.DbAsync()) await db.DueTimers.Where(t => tickets.Contains(t.TicketId!.Value)).ExecuteDeleteAsync();

        var inserted = 0;
        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            await app.Get<SlaRecalculator>().RecomputeManyAsync(db, tickets, app.Clock.GetUtcNow(), ct);
            inserted = await app.Get<DueTimers>().InsertAddedAsync(db, ct);
            db.ChangeTracker.Entries<DueTimer>().ShouldBeEmpty();
            return true;
        });

        inserted.ShouldBe(before.Count);
        (await TimersAsync([.. tickets])).Select(t => (t.Key, t.TicketId, t.DueAt, t.Payload, t.FiredAt, t.CancelledAt, t.Attempts))
            .ShouldBe(before.Select(t => (t.Key, t.TicketId, t.DueAt, t.Payload, t.FiredAt, t.CancelledAt, t.Attempts)));
    }

    [Fact]
    public async Task RecomputingTheBatchAgainInOneWriteFindsTheInsertedTimersInsteadOfAddingThemTwice()
    {
        app.NextTuesday();
        long[] tickets = [await CreateAsync(nameof(TicketPriority.High)), await CreateAsync(nameof(TicketPriority.Normal))];
        var before = await TimersAsync(tickets);
        await using (var db = await app.DbAsync()) await db.DueTimers.Where(t => tickets.Contains(t.TicketId!.Value)).ExecuteDeleteAsync();

        await app.Get<WritePath>().RunAsync(AccessScope.System, async (db, ct) =>
        {
            var recalculator = app.Get<SlaRecalculator>();
            await recalculator.RecomputeManyAsync(db, tickets, app.Clock.GetUtcNow(), ct);
            (await app.Get<DueTimers>().InsertAddedAsync(db, ct)).ShouldBeGreaterThan(0);
            // As a second delivery in the same write would: the rows are in the database now, not tracked.
            await recalculator.RecomputeManyAsync(db, tickets, app.Clock.GetUtcNow(), ct);
            (await app.Get<DueTimers>().InsertAddedAsync(db, ct)).ShouldBe(0);
            return true;
        });

        (await TimersAsync(tickets)).Select(t => t.Key).ShouldBe(before.Where(t => t.CancelledAt is null).Select(t => t.Key));
    }
}
