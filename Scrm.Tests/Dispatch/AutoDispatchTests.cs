using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Timers;
using Scrm.Domain.Dispatch.Scoring;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>A host of its own: switching auto-dispatch on for repairs in 华东 must not touch other tests' tickets.</summary>
public sealed class AutoDispatchHost : TestApp;

/// <summary>Auto-dispatch through the event handlers: the top candidate on creation, the next one on a decline or a missed acceptance.</summary>
public sealed class AutoDispatchTests(AutoDispatchHost app) : IClassFixture<AutoDispatchHost>
{
    private async Task SwitchOnAsync(int acceptWithinMinutes = 30)
    {
        await app.PutOnCallAsync(Regions.East);
        var policies = app.Get<DispatchPolicies>();
        var current = (await policies.ListAsync(TestApp.Admin)).FirstOrDefault(p => p.TicketType == TicketType.Repair && p.Region == Regions.East);
        await policies.SaveAsync(TestApp.Admin, new PolicyView(current?.Id, TicketType.Repair, Regions.East, DispatchWeights.Default, true,
            acceptWithinMinutes, current?.Version ?? 0));
    }

    private async Task<Ticket> WaitForAsync(long id, Func<Ticket, bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            var ticket = await app.LoadTicketAsync(id);
            if (condition(ticket)) return ticket;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Ticket {id} did not get there: {(await app.LoadTicketAsync(id)).Status}");
    }

    private async Task<List<TicketEvent>> AssignmentsAsync(long id)
    {
        await using var db = await app.DbAsync();
        return await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == id && e.Kind == TicketEventKind.Assigned).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task ABackupOfferForATicketADispatcherAssignedGoesToSomeoneElse()
    {
        await app.PutOnCallAsync(Regions.East);
        // Maintenance: not auto-dispatched on creation; a person chooses the top candidate.
        var created = await app.CreateTicketAsync(TestApp.Admin, "上海", "咖啡机不出水 人工派单", nameof(TicketType.Maintenance));
        var planner = app.Get<DispatchPlanner>();
        var best = (await planner.CandidatesAsync(TestApp.Admin, created.Row.Id)).Best.ShouldNotBeNull();
        await planner.AssignAsync(TestApp.Dispatcher(Regions.East), created.Row.Id, best.Technician.Id, null);

        // As a ReassignToBackup escalation does when the technician lets it lapse.
        (await app.Get<AutoDispatcher>().OfferAsync(created.Row.Id, CancellationToken.None)).ShouldBeTrue();

        var ticket = await app.LoadTicketAsync(created.Row.Id);
        ticket.AssigneeId.ShouldNotBeNull().ShouldNotBe(best.Technician.Id);
    }

    [Fact]
    public async Task ANewTicketGoesToTheTopCandidateAndADeclineToTheNext()
    {
        await SwitchOnAsync();

        var created = await app.CreateTicketAsync(TestApp.Agent, "上海", "咖啡机不出水 自动派单");

        var assigned = await WaitForAsync(created.Row.Id, t => t.AssigneeId is not null);
        var first = (await AssignmentsAsync(assigned.Id)).ShouldHaveSingleItem();
        first.ActorName.ShouldBe("自动派单");
        first.Comment!.ShouldStartWith("自动派单：第 1 位");

        await app.Tickets.DeclineAsync(TestApp.Technician(assigned.AssigneeId!.Value, Regions.East), assigned.Id, "今天在外地");

        var again = await WaitForAsync(assigned.Id, t => t.AssigneeId is not null && t.AssigneeId != assigned.AssigneeId);
        again.Status.ShouldBe(TicketStatus.Assigned);
        (await AssignmentsAsync(assigned.Id)).Count.ShouldBe(2);
    }

    /// <summary>The acceptance timer of the ticket's latest auto-dispatch, made due now (SQLite keeps instants as UTC ticks).</summary>
    private async Task<DueTimer> AcceptanceTimerDueAsync(long ticketId, long technicianId)
    {
        DueTimer? timer = null;
        for (var i = 0; i < 200 && timer is null; i++)
        {
            await using var db = await app.DbAsync();
            timer = await db.DueTimers.AsNoTracking()
                .FirstOrDefaultAsync(t => t.Kind == AcceptanceWatch.TimerKind && t.Key.StartsWith($"accept:{ticketId}:{technicianId}:"));
            if (timer is null) await Task.Delay(100);
        }
        timer.ShouldNotBeNull();
        await using (var db = await app.DbAsync())
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE DueTimers SET DueAt = {DateTimeOffset.UtcNow.AddSeconds(-1).UtcTicks} WHERE Id = {timer.Id}");
        return timer;
    }

    private async Task FireAsync(long timerId)
    {
        await app.Get<TimerWorker>().FireDueAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var db = await app.DbAsync();
            if (await db.DueTimers.AnyAsync(t => t.Id == timerId && (t.FiredAt != null || t.CancelledAt != null))) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("the acceptance timer did not fire");
    }

    [Fact]
    public async Task ATicketNotAcceptedInTimeGoesToSomeoneNotTriedYetOnce()
    {
        await SwitchOnAsync(acceptWithinMinutes: 5);
        var created = await app.CreateTicketAsync(TestApp.Agent, "上海", "冷柜温度过高 超时未接");
        var assigned = await WaitForAsync(created.Row.Id, t => t.AssigneeId is not null);
        var first = (await AssignmentsAsync(assigned.Id)).ShouldHaveSingleItem();
        var timer = await AcceptanceTimerDueAsync(assigned.Id, assigned.AssigneeId!.Value);
        timer.DueAt.ShouldBe(first.At.AddMinutes(5), TimeSpan.FromMilliseconds(1));

        await FireAsync(timer.Id);

        var moved = await WaitForAsync(assigned.Id, t => t.AssigneeId is not null && t.AssigneeId != assigned.AssigneeId);
        (await AssignmentsAsync(assigned.Id)).Select(e => e.After).Distinct().Count().ShouldBe(2);
        await using (var db = await app.DbAsync())
            (await db.TicketEvents.CountAsync(e => e.TicketId == assigned.Id && e.Kind == TicketEventKind.Escalated)).ShouldBe(1);
        // The second technician's own wait starts; the first timer, fired, never moves the ticket again.
        await app.Get<TimerWorker>().FireDueAsync();
        await Task.Delay(500);
        (await app.LoadTicketAsync(assigned.Id)).AssigneeId.ShouldBe(moved.AssigneeId);
    }

    [Fact]
    public async Task ATicketAcceptedInTimeStaysWithItsTechnician()
    {
        await SwitchOnAsync(acceptWithinMinutes: 5);
        var created = await app.CreateTicketAsync(TestApp.Agent, "上海", "冷柜温度过高 及时接单");
        var assigned = await WaitForAsync(created.Row.Id, t => t.AssigneeId is not null);
        var timer = await AcceptanceTimerDueAsync(assigned.Id, assigned.AssigneeId!.Value);
        await app.Tickets.TransitionAsync(TestApp.Technician(assigned.AssigneeId!.Value, Regions.East), assigned.Id, TicketStatus.Accepted, null);

        await FireAsync(timer.Id);
        await Task.Delay(500);

        var ticket = await app.LoadTicketAsync(assigned.Id);
        ticket.AssigneeId.ShouldBe(assigned.AssigneeId);
        ticket.Status.ShouldBe(TicketStatus.Accepted);
        await using var db = await app.DbAsync();
        (await db.TicketEvents.CountAsync(e => e.TicketId == assigned.Id && e.Kind == TicketEventKind.Escalated)).ShouldBe(0);
    }

    [Fact]
    public async Task ASecondDeliveryOfTheCreationLeavesTheTicketWithItsTechnician()
    {
        await SwitchOnAsync();
        var created = await app.CreateTicketAsync(TestApp.Agent, "上海", "咖啡机不出水 重复投递");
        var assigned = await WaitForAsync(created.Row.Id, t => t.AssigneeId is not null);

        // The outbox delivers at least once: the same event again, as after a crash between handling and checkpoint.
        var again = new TicketCreated(TicketType.Repair, TicketPriority.Normal, assigned.CustomerId, assigned.City)
        {
            AggregateId = assigned.Id, Region = assigned.Region, Number = assigned.Number,
        };
        await app.Get<AutoDispatcher>().HandleAsync(again, new Scrm.App.Events.EventDelivery("AutoDispatcher", 0, 2), default);

        (await app.LoadTicketAsync(assigned.Id)).AssigneeId.ShouldBe(assigned.AssigneeId);
        (await AssignmentsAsync(assigned.Id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task WithAutoDispatchOffANewTicketWaitsInTheQueue()
    {
        var created = await app.CreateTicketAsync(TestApp.Agent, "广州", "咖啡机不出水 手动派单");
        await Task.Delay(1500);

        (await app.LoadTicketAsync(created.Row.Id)).AssigneeId.ShouldBeNull();
    }
}
