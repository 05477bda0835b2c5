using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Tests.Components;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Tracking;

/// <summary>The staff ticket page shows the customer's progress link to the office, not to the technician.</summary>
[Collection(AppCollection.Name)]
public sealed class TrackingLinkOnTheTicketPage(TestApp app) : AppComponentContext(app)
{
    [Fact]
    public async Task ADispatcherSeesTheCustomersProgressLink()
    {
        SignIn("华东调度 进度页", AppRoles.Dispatcher, Regions.East);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=tracking-link]").TextContent.ShouldMatch("/t/[A-Za-z0-9_-]{22}$"));
    }

    [Fact]
    public async Task TheAssignedTechnicianDoesNotGetIt()
    {
        var me = (await App.TechnicianIdsAsync(Regions.East))[0];
        var auth = AddAuthorization();
        auth.SetAuthorized("华东技师 进度页");
        auth.SetRoles(AppRoles.Technician);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "bunit-technician-tracking"),
            new Claim(AccessScope.RegionClaim, Regions.East),
            new Claim(AccessScope.TechnicianClaim, me.ToString(CultureInfo.InvariantCulture)),
            new Claim(AccessScope.DisplayNameClaim, "华东技师 进度页"));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var ticket = await App.CreateTicketAsync(TestApp.Admin, "上海");
        await App.Tickets.AssignAsync(TestApp.Admin, ticket.Row.Id, me, null);

        var cut = RenderPage<TicketDetailPage>((nameof(TicketDetailPage.Number), ticket.Row.Number));

        cut.WaitForAssertion(() => cut.Find("[data-testid=ticket-title]"));
        cut.FindAll("[data-testid=tracking-link]").ShouldBeEmpty();
    }
}
