using Scrm.App.Features.Technicians;
using Scrm.Domain.Common;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>The screens assign through the same service as the API; the rule is the domain's, so it holds for both.</summary>
[Collection(AppCollection.Name)]
public sealed class AssignmentRegion(TestApp app)
{
    [Fact]
    public async Task AnAdminWhoSeesEveryRegionStillCannotGiveANorthernTicketToASouthernTechnician()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "天津");
        var southern = (await app.TechnicianIdsAsync(Regions.South))[0];

        var refused = await Should.ThrowAsync<DomainRuleException>(
            () => app.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, southern, "试试看", ticket.Row.Version));

        refused.Code.ShouldBe("Ticket.TechnicianOutsideRegion");
        var stored = await app.LoadTicketAsync(ticket.Row.Id);
        stored.AssigneeId.ShouldBeNull();
        stored.Version.ShouldBe(ticket.Row.Version);
    }

    [Fact]
    public async Task TheAssignDialogOffersOnlyTechniciansWhoServeTheTicketsRegion()
    {
        var offered = await app.Get<TechnicianQueries>().ListAsync(TestApp.Admin, Regions.North);

        offered.ShouldNotBeEmpty();
        offered.ShouldAllBe(t => t.Region == Regions.North);
    }
}
