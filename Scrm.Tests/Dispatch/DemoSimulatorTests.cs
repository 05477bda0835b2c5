using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Dispatch.Simulation;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Dispatch;

/// <summary>The demo's pulse, stepped by hand (its timer is off in tests): phones report, the one on the road drives toward the site.</summary>
public sealed class DemoSimulatorTests(AutoDispatchHost app) : IClassFixture<AutoDispatchHost>
{
    [Fact]
    public async Task ATechnicianOnTheWayGetsCloserToTheSiteWithEveryStep()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "杭州", "模拟 在途工单");
        // One with no other job on the road, so the step drives toward this site.
        long technician;
        await using (var read = await app.DbAsync())
        {
            var onTheRoad = await read.Tickets.Where(t => t.Status == TicketStatus.EnRoute && t.AssigneeId != null).Select(t => t.AssigneeId!.Value).ToListAsync();
            technician = (await app.TechnicianIdsAsync(Regions.East)).First(id => !onTheRoad.Contains(id));
        }
        await app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, technician, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.Accepted, null);
        await app.Tickets.TransitionAsync(TestApp.Admin, ticket.Row.Id, TicketStatus.EnRoute, null);
        var site = new GeoPoint(ticket.Lat, ticket.Lng);
        // Start a few kilometres off (a demo city's technicians live at its centre, where test sites are too).
        await app.Get<Scrm.App.Features.Dispatch.PositionIngestion>().IngestAsync(TestApp.Admin, technician,
            [new Scrm.App.Features.Dispatch.PositionPing(site.Lat + 0.03, site.Lng + 0.03, DateTimeOffset.UtcNow.AddMinutes(-1))]);
        var before = await DistanceAsync(technician, site);

        var simulator = app.Get<DemoSimulator>();
        await simulator.StepAsync(default);
        await simulator.StepAsync(default);

        (await DistanceAsync(technician, site)).ShouldBeLessThan(before);
        await using var db = await app.DbAsync();
        (await db.TechnicianPositions.CountAsync(p => p.TechnicianId == technician)).ShouldBeGreaterThanOrEqualTo(2);
    }

    private async Task<double> DistanceAsync(long technicianId, GeoPoint site)
    {
        await using var db = await app.DbAsync();
        var t = await db.Technicians.AsNoTracking().SingleAsync(x => x.Id == technicianId);
        return new GeoPoint(t.Lat, t.Lng).DistanceKmTo(site);
    }
}
