using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scrm.App.Data;
using Scrm.App.Events;
using Scrm.App.Features.Dashboards;
using Scrm.Domain.Dispatch;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Events;

[Collection(EventsCollection.Name)]
public sealed class EventDispatch(EventsTestApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task EveryChangeReachesTheHandlerOnceInTheOrderItWasCommitted()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "南京");
        var technician = (await app.TechnicianIdsAsync(Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, "就近");
        await app.Tickets.CommentAsync(TestApp.Admin, ticket.Row.Id, "已电话联系门店");
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Accepted, null);

        // The repair flow's timeline notes (TicketNoted) come in between, from its handler; the order asked about is the ticket's own.
        var seen = await EventuallyAsync(() => Task.FromResult(RecordingHandler.For(ticket.Row.Id).Where(s => s.Type != nameof(TicketNoted)).ToList()),
            s => s.Count >= 5);

        seen.Select(s => s.Type).ShouldBe(
            [nameof(TicketCreated), nameof(TicketAssigned), nameof(TicketStatusChanged), nameof(TicketCommented), nameof(TicketStatusChanged)]);
        seen.Select(s => s.OutboxId).ShouldBeInOrder(SortDirection.Ascending);
        seen.Select(s => s.Version).ShouldBeInOrder(SortDirection.Ascending);
        seen.Select(s => s.EventId).Distinct().Count().ShouldBe(5);
        seen.ShouldAllBe(s => s.TicketId == ticket.Row.Id);
    }

    [Fact]
    public async Task ARedeliveredEventChangesNothingTheSecondTime()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "苏州");
        var created = (await RecordedAsync(ticket.Row.Id, 1))[0];
        var stored = await StoredAsync(created.OutboxId);
        var handler = app.Get<EventHandlerRegistry>().Find(nameof(TicketDayCounter))!;
        await EventuallyAsync(() => PositionAsync(handler.Name), p => p >= stored.Id);
        var day = await DayCountAsync(Regions.East);

        // As the dispatcher would after a crash between the handler's commit and the checkpoint: the same event again.
        using (var scope = app.Services.CreateScope())
        {
            var instance = scope.ServiceProvider.GetRequiredService(handler.HandlerType);
            await handler.InvokeAsync(instance, stored.Type, stored.Event, new EventDelivery(handler.Name, stored.Id, 2), default);
        }

        (await DayCountAsync(Regions.East)).Created.ShouldBe(day.Created);
    }

    [Fact]
    public async Task AHandlerMovesPastEventsItDoesNotTakeSoItNeverScansThemAgain()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "宁波");
        var created = (await RecordedAsync(ticket.Row.Id, 1))[0];

        // FlakyHandler takes only comments; a ticket that was only created must still carry it forward.
        var position = await EventuallyAsync(() => PositionAsync(nameof(FlakyHandler)), p => p >= created.OutboxId);

        position.ShouldBeGreaterThanOrEqualTo(created.OutboxId);
    }

    [Fact]
    public async Task TheDayCounterCountsWhatTheTicketsDid()
    {
        var before = await DayCountAsync(Regions.South);
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "深圳");
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Cancelled, "客户自行修好");

        var after = await EventuallyAsync(() => DayCountAsync(Regions.South),
            c => c.Created == before.Created + 1 && c.Cancelled == before.Cancelled + 1);

        after.Closed.ShouldBe(before.Closed);
    }

    [Fact]
    public async Task ABatchIsCountedInOneGoAndABatchDeliveredAgainChangesNothing()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "广州");
        var created = await StoredAsync((await RecordedAsync(ticket.Row.Id, 1))[0].OutboxId);
        // Events of a region of their own, so that the dispatcher's own deliveries cannot touch the counts read here.
        var region = $"批量{Guid.NewGuid():N}"[..10];
        var template = (TicketCreated)created.Event;
        StoredEvent Copy(Scrm.Domain.Common.DomainEvent e) => new(created.Id, e.GetType().Name, e);
        var batch = new List<StoredEvent>
        {
            Copy(template with { EventId = Guid.NewGuid(), Region = region }),
            Copy(template with { EventId = Guid.NewGuid(), Region = region }),
            Copy(new TicketStatusChanged(TicketStatus.Resolved, TicketStatus.Closed, null, null)
                { EventId = Guid.NewGuid(), Region = region, OccurredAt = template.OccurredAt, AggregateId = ticket.Row.Id }),
        };
        var counter = app.Get<TicketDayCounter>();

        await counter.HandleBatchAsync(batch, nameof(TicketDayCounter), default);
        await counter.HandleBatchAsync(batch, nameof(TicketDayCounter), default);

        var day = await DayCountAsync(region);
        (day.Created, day.Closed, day.Resolved).ShouldBe((2, 1, 0));
    }

    [Fact]
    public async Task ATechnicianIsBusyWhileHoldingWorkAndAvailableWhenItIsDone()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "佛山");
        // A technician with nothing in hand, so that this ticket alone decides their status.
        var technicianId = await app.Get<WritePath>().RunAsync(TestApp.Admin, async (db, ct) =>
        {
            var city = await db.Cities.SingleAsync(c => c.Name == "佛山", ct);
            var technician = new Technician("测试师傅", TestApp.UniquePhone(), city, TechnicianLevel.Junior);
            db.Technicians.Add(technician);
            await db.SaveChangesAsync(ct);
            return technician.Id;
        });

        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technicianId, null);
        await EventuallyAsync(() => StatusAsync(technicianId), s => s == TechnicianStatus.Busy);
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Cancelled, "重复报修");

        (await EventuallyAsync(() => StatusAsync(technicianId), s => s == TechnicianStatus.Available)).ShouldBe(TechnicianStatus.Available);
    }

    [Fact]
    public async Task AHandlerThatKeepsFailingIsParkedWithItsErrorAndTheOthersGoOn()
    {
        var marker = TestApp.Marker("停放");
        FlakyHandler.FailuresLeft[marker] = 100;
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "福州");

        await app.Tickets.CommentAsync(TestApp.Admin, ticket.Row.Id, $"同步到 ERP {marker}");

        var parked = await EventuallyAsync(() => ParkedForAsync(marker), p => p is not null);
        parked!.Handler.ShouldBe(nameof(FlakyHandler));
        parked.Attempts.ShouldBe(3);
        parked.Error.ShouldContain("下游系统拒收");
        parked.Error.ShouldNotContain(" at ");
        // The recording handler was not held up by its failing neighbour (it may linger a moment after the ticket's creation).
        (await EventuallyAsync(() => Task.FromResult(RecordingHandler.For(ticket.Row.Id).Select(s => s.Type).ToList()),
            types => types.Contains(nameof(TicketCommented)))).ShouldContain(nameof(TicketCommented));
    }

    [Fact]
    public async Task AnAdminCanRetryAParkedEventOnceTheCauseIsFixed()
    {
        var marker = TestApp.Marker("重试");
        FlakyHandler.FailuresLeft[marker] = 3;
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "青岛");
        await app.Tickets.CommentAsync(TestApp.Admin, ticket.Row.Id, $"推送工单 {marker}");
        var parked = await EventuallyAsync(() => ParkedForAsync(marker), p => p is not null);
        var parkedEvents = app.Get<ParkedEvents>();

        (await parkedEvents.ListAsync(TestApp.Admin, includeResolved: false)).ShouldContain(p => p.Id == parked!.Id);
        (await parkedEvents.RetryAsync(TestApp.Admin, parked!.Id)).ShouldBeTrue();

        FlakyHandler.Succeeded[marker].ShouldBe(1);
        (await parkedEvents.ListAsync(TestApp.Admin, includeResolved: false)).ShouldNotContain(p => p.Id == parked.Id);
        await Should.ThrowAsync<Scrm.App.Features.Shared.AccessDeniedException>(
            () => parkedEvents.ListAsync(TestApp.Dispatcher(Regions.East), includeResolved: true));
    }

    private async Task<ParkedEventRow?> ParkedForAsync(string marker)
    {
        await using var db = await app.DbAsync();
        var ids = await db.OutboxMessages.Where(m => m.Payload.Contains(marker)).Select(m => m.Id).ToListAsync();
        var all = await app.Get<ParkedEvents>().ListAsync(TestApp.Admin, includeResolved: false);
        return all.FirstOrDefault(p => ids.Contains(p.OutboxId));
    }

    private async Task<StoredEvent> StoredAsync(long outboxId)
    {
        await using var db = await app.DbAsync();
        var row = await db.OutboxMessages.SingleAsync(m => m.Id == outboxId);
        return new StoredEvent(row.Id, row.Type, app.Get<EventTypes>().Deserialize(row.Type, row.Payload));
    }

    private async Task<long> PositionAsync(string handler)
    {
        await using var db = await app.DbAsync();
        return await db.HandlerCheckpoints.Where(c => c.Handler == handler).Select(c => c.Position).SingleOrDefaultAsync();
    }

    private async Task<TicketDayCount> DayCountAsync(string region)
    {
        var day = app.Get<App.BusinessClock>().LocalDay(DateTimeOffset.UtcNow);
        await using var db = await app.DbAsync();
        return await db.TicketDayCounts.AsNoTracking().SingleOrDefaultAsync(c => c.Day == day && c.Region == region)
               ?? new TicketDayCount { Day = day, Region = region };
    }

    private async Task<TechnicianStatus> StatusAsync(long technicianId)
    {
        await using var db = await app.DbAsync();
        return await db.Technicians.Where(t => t.Id == technicianId).Select(t => t.Status).SingleAsync();
    }

    /// <summary>What the test's own changes raised: the SLA module's notes on the ticket come from another writer, in between.</summary>
    private static Task<IReadOnlyList<RecordingHandler.Seen>> RecordedAsync(long ticketId, int atLeast) =>
        EventuallyAsync(() => Task.FromResult<IReadOnlyList<RecordingHandler.Seen>>(
            RecordingHandler.For(ticketId).Where(s => s.Type != nameof(TicketNoted)).ToList()), s => s.Count >= atLeast);

    /// <summary>Handlers run after the commit, on the dispatcher: wait for the effect, or fail with what was last seen.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(20);
        }
    }
}
