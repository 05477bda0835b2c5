using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Flows.Runtime;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Flows;

[Collection(FlowRuntimeCollection.Name)]
public sealed class FlowReadingTests(FlowRuntimeHost app)
{
    private readonly FlowRuntimeKit _kit = new(app);

    [Fact]
    public async Task ATechnicianReadsTheFlowOfTheirOwnTicketsOnly()
    {
        var id = await _kit.CreateAsync(TicketType.Repair);
        await _kit.WalkAsync(id, TicketStatus.Assigned);
        await _kit.ActiveAtAsync(id, "accept");
        var technicians = await app.TechnicianIdsAsync(Regions.East);
        var queries = app.Get<FlowQueries>();

        (await queries.ForTicketAsync(TestApp.Technician(technicians[0], Regions.East), id))!.Active.ShouldHaveSingleItem().Id.ShouldBe("accept");
        (await queries.ForTicketAsync(TestApp.Technician(technicians[1], Regions.East), id)).ShouldBeNull();
    }

    /// <summary>The demo's open repair tickets start on first start where their status has brought them.</summary>
    [Fact]
    public async Task TheDemosOpenRepairTicketsWaitWhereTheirStatusPutsThem()
    {
        await using var db = await app.DbAsync();
        var seeded = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Repair && t.UpdatedByName != "流程" && t.Events.Any(e => e.ActorId == "seed-agent" && e.Kind == TicketEventKind.Created)
                && (t.Status == TicketStatus.New || t.Status == TicketStatus.Assigned || t.Status == TicketStatus.InProgress || t.Status == TicketStatus.Resolved))
            .ToListAsync();
        seeded.ShouldNotBeEmpty();
        var instances = await db.Set<FlowInstance>().AsNoTracking().Where(i => seeded.Select(t => t.Id).Contains(i.TicketId)).ToDictionaryAsync(i => i.TicketId);

        foreach (var ticket in seeded)
        {
            var expected = ticket.Status switch
            {
                TicketStatus.New => "dispatch",
                TicketStatus.Assigned => "accept",
                TicketStatus.InProgress => "repair",
                _ => "confirm",
            };
            instances[ticket.Id].State().Active.ShouldHaveSingleItem().NodeId.ShouldBe(expected, $"{ticket.Number} in {ticket.Status}");
        }
        (await db.Set<FlowNodeVisit>().AnyAsync(v => seeded.Select(t => t.Id).Contains(v.TicketId) && v.NodeId == "start")).ShouldBeTrue();
    }
}
