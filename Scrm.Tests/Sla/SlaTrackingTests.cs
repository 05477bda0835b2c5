using Scrm.Domain.Common;
using Scrm.App.Features.Sla;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Customers;
using Scrm.Domain.Sla;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Sla;

/// <summary>Clocks kept on tickets as they move: the policy chosen, holds, priority changes, retroactive starts.</summary>
public sealed class SlaTrackingTests(SlaHost app) : IClassFixture<SlaHost>
{
    private static List<SlaClock> Clocks(TicketSla row) => DomainJson.Deserialize<List<SlaClock>>(row.ClocksJson);

    private async Task<TicketDetail> CreateAsync(string priority = nameof(TicketPriority.Normal), string type = nameof(TicketType.Repair),
        long? customerId = null)
    {
        var request = TestApp.NewRequest("上海", TestApp.Marker("SLA"), type, priority);
        if (customerId is { } id) (request.CustomerId, request.Customer, request.Site) = (id, null, null);
        return (await app.Tickets.CreateAsync(TestApp.Admin, request)).Ticket;
    }

    private async Task MoveAsync(long id, params TicketStatus[] path)
    {
        foreach (var to in path)
            await app.Tickets.TransitionAsync(TestApp.Admin, id, to, to is TicketStatus.OnHold or TicketStatus.Cancelled ? "等配件" : null);
    }

    private async Task StartWorkAsync(long id)
    {
        var technician = (await app.TechnicianIdsAsync(Scrm.Domain.Geo.Regions.East))[0];
        await app.Tickets.AssignAsync(TestApp.Admin, id, technician, null);
        await MoveAsync(id, TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress);
    }

    [Fact]
    public async Task ACreatedTicketGetsTheClocksOfItsPolicy()
    {
        var start = app.NextTuesday();

        var urgent = await app.SettledAsync((await CreateAsync(nameof(TicketPriority.Urgent))).Row.Id);
        var gold = await app.SettledAsync((await CreateAsync(customerId: await app.CustomerIdAsync(CustomerTier.Gold))).Row.Id);
        var standard = await app.SettledAsync((await CreateAsync()).Row.Id);

        urgent.PolicyKey.ShouldBe("urgent");
        gold.PolicyKey.ShouldBe("gold");
        standard.PolicyKey.ShouldBe("standard");
        urgent.NextDueAt.ShouldBe(start.AddMinutes(30));          // 7×24
        gold.NextDueAt.ShouldBe(start.AddHours(1));               // 10:00 + 1 h of office time
        standard.NextDueAt.ShouldBe(start.AddHours(2));           // 10:00–12:00, before lunch
        standard.State.ShouldBe(SlaClockState.Running);
        Clocks(standard).Select(c => c.Metric).ShouldBe([SlaMetric.FirstResponse, SlaMetric.Arrival, SlaMetric.Resolution]);
        var note = (await app.TimelineAsync(standard.TicketId, TicketEventKind.Sla)).ShouldHaveSingleItem();
        note.Comment!.ShouldStartWith("标准 SLA：响应 2 小时");
    }

    [Fact]
    public async Task OnHoldPausesAndThePauseSurvivesAPriorityChangeToAnotherPolicy()
    {
        var start = app.NextTuesday();
        var ticket = await CreateAsync();
        await StartWorkAsync(ticket.Row.Id);
        var before = Clocks(await app.SettledAsync(ticket.Row.Id)).Single(c => c.Metric == SlaMetric.Resolution).DueAt;

        await MoveAsync(ticket.Row.Id, TicketStatus.OnHold);
        var held = await app.SettledAsync(ticket.Row.Id);
        Clocks(held).Single(c => c.Metric == SlaMetric.Resolution).State.ShouldBe(SlaClockState.Paused);
        await app.AdvanceAsync(TimeSpan.FromHours(1));
        await MoveAsync(ticket.Row.Id, TicketStatus.InProgress);
        var resumed = Clocks(await app.SettledAsync(ticket.Row.Id)).Single(c => c.Metric == SlaMetric.Resolution);
        resumed.Paused.ShouldBe(TimeSpan.FromHours(1));
        resumed.DueAt.ShouldBe(before!.Value.AddHours(1));  // 72 working hours from Tuesday 10:00 end at 10:00: one more is 11:00

        var current = await app.LoadTicketAsync(ticket.Row.Id);
        await app.Tickets.EditAsync(TestApp.Admin, ticket.Row.Id, current.Title, current.Description, TicketPriority.Urgent, current.Version);
        var urgent = await app.SettledAsync(ticket.Row.Id);
        urgent.PolicyKey.ShouldBe("urgent");
        var clock = Clocks(urgent).Single(c => c.Metric == SlaMetric.Resolution);
        clock.Paused.ShouldBe(TimeSpan.FromHours(1));
        clock.StartedAt.ShouldBe(start);
        (await app.TimelineAsync(ticket.Row.Id, TicketEventKind.Sla)).Select(e => e.Field).ShouldBe(["PolicyChosen", "PolicyChanged"]);
    }

    [Fact]
    public async Task APolicyThatComesLateCountsFromTheTicketsCreation()
    {
        var start = app.NextTuesday();
        var ticket = await CreateAsync();
        await app.SettledAsync(ticket.Row.Id);
        app.Clock.Advance(TimeSpan.FromHours(1));

        var current = await app.LoadTicketAsync(ticket.Row.Id);
        await app.Tickets.EditAsync(TestApp.Admin, ticket.Row.Id, current.Title, current.Description, TicketPriority.Urgent, current.Version);
        var row = await app.SlaAsync(ticket.Row.Id, r => r.PolicyKey == "urgent");

        var response = Clocks(row).Single(c => c.Metric == SlaMetric.FirstResponse);
        response.StartedAt.ShouldBe(start);
        response.BreachedAt.ShouldBe(start.AddMinutes(30));
        row.State.ShouldBe(SlaClockState.Breached);
    }
}
