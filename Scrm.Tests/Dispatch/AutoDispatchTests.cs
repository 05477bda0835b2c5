using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dispatch;
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

    [Fact]
    public async Task ATicketNotAcceptedInTimeGoesToSomeoneNotTriedYet()
    {
        await SwitchOnAsync(acceptWithinMinutes: 5);
        var created = await app.CreateTicketAsync(TestApp.Agent, "上海", "冷柜温度过高 超时未接");
        var assigned = await WaitForAsync(created.Row.Id, t => t.AssigneeId is not null);

        (await app.Get<AcceptanceWatch>().CheckAsync()).ShouldBe(0);  // within its five minutes

        await using (var db = await app.DbAsync())
            // Ten minutes ago (SQLite keeps instants as UTC ticks).
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE TicketEvents SET At = At - {TimeSpan.FromMinutes(10).Ticks} WHERE TicketId = {assigned.Id} AND Kind = 'Assigned'");
        (await app.Get<AcceptanceWatch>().CheckAsync()).ShouldBeGreaterThanOrEqualTo(1);

        var moved = await app.LoadTicketAsync(assigned.Id);
        moved.AssigneeId.ShouldNotBe(assigned.AssigneeId);
        (await AssignmentsAsync(assigned.Id)).Select(e => e.After).Distinct().Count().ShouldBe(2);
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
