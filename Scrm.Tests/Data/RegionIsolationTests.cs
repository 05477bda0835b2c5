using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Technicians;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

[Collection(AppCollection.Name)]
public sealed class RegionIsolation(TestApp app)
{
    private static readonly TicketFilter Everything = new() { PageSize = TicketQueries.MaxPageSize };

    [Fact]
    public async Task DispatcherListsOnlyTheTicketsOfTheirRegion()
    {
        var marker = TestApp.Marker("隔离");
        var south = await app.CreateTicketAsync(TestApp.Admin, "广州", marker + " 广州");
        await app.CreateTicketAsync(TestApp.Admin, "北京", marker + " 北京");

        var mine = await app.Queries.ListAsync(TestApp.Dispatcher(Regions.South), Everything with { Text = marker });
        var all = await app.Queries.ListAsync(TestApp.Dispatcher(Regions.South), Everything);

        mine.Items.Select(t => t.Id).ShouldBe([south.Row.Id]);
        all.Items.ShouldNotBeEmpty();
        all.Items.ShouldAllBe(t => t.Region == Regions.South);
        await using var db = await app.DbAsync();
        all.Total.ShouldBe(await db.Tickets.CountAsync(t => t.Region == Regions.South));
    }

    [Fact]
    public async Task TicketOfAnotherRegionIsNotFoundAndCannotBeChanged()
    {
        var north = await app.CreateTicketAsync(TestApp.Admin, "北京");
        var southDispatcher = TestApp.Dispatcher(Regions.South);

        var found = await app.Queries.FindAsync(southDispatcher, north.Row.Id);
        var foundByNumber = await app.Queries.FindAsync(southDispatcher, north.Row.Number);
        await Should.ThrowAsync<NotFoundException>(() =>
            app.Tickets.TransitionAsync(southDispatcher, north.Row.Id, TicketStatus.Cancelled, "越权取消", null));
        await Should.ThrowAsync<NotFoundException>(() =>
            app.Tickets.EditAsync(southDispatcher, north.Row.Id, "越权修改", null, TicketPriority.Urgent, null));

        found.ShouldBeNull();
        foundByNumber.ShouldBeNull();
        (await app.Queries.FindAsync(TestApp.Admin, north.Row.Id)).ShouldNotBeNull();
        var stored = await app.LoadTicketAsync(north.Row.Id);
        stored.Status.ShouldBe(TicketStatus.New);
        stored.Title.ShouldBe(north.Row.Title);
        stored.Priority.ShouldBe(north.Row.Priority);
        stored.Version.ShouldBe(north.Row.Version);
    }

    [Fact]
    public async Task DispatcherCannotCreateATicketInAnotherRegion()
    {
        var request = TestApp.NewRequest("北京");

        var denied = await Should.ThrowAsync<AccessDeniedException>(() =>
            app.Tickets.CreateAsync(TestApp.Dispatcher(Regions.South), request));

        denied.Code.ShouldBe("Ticket.RegionDenied");
        await using var db = await app.DbAsync();
        (await db.Tickets.CountAsync(t => t.Title == request.Title)).ShouldBe(0);
        (await db.Customers.CountAsync(c => c.Phone == request.Customer!.Phone)).ShouldBe(0);
    }

    [Fact]
    public async Task DispatcherCannotAssignATechnicianOfAnotherRegion()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "广州");
        var northTechnician = (await app.TechnicianIdsAsync(Regions.North))[0];

        await Should.ThrowAsync<NotFoundException>(() =>
            app.Tickets.AssignAsync(TestApp.Dispatcher(Regions.South), ticket.Row.Id, northTechnician, null));

        var stored = await app.LoadTicketAsync(ticket.Row.Id);
        stored.AssigneeId.ShouldBeNull();
        stored.Status.ShouldBe(TicketStatus.New);
    }

    [Fact]
    public async Task DispatcherListsOnlyTheCustomersAndTechniciansOfTheirRegion()
    {
        var scope = TestApp.Dispatcher(Regions.South);

        var customers = await app.Get<CustomerQueries>().ListAsync(scope, null, null, 0, 200);
        var technicians = await app.Get<TechnicianQueries>().ListAsync(scope);

        await using var db = await app.DbAsync();
        customers.Items.ShouldNotBeEmpty();
        // A chain at home elsewhere is listed too when it has a site here, showing only this region.
        customers.Items.ShouldAllBe(c => c.Regions.SequenceEqual(new[] { Regions.South }));
        customers.Total.ShouldBe(await db.Customers.CountAsync(c => c.Region == Regions.South || c.Sites.Any(s => s.Region == Regions.South)));
        technicians.ShouldNotBeEmpty();
        technicians.ShouldAllBe(t => t.Region == Regions.South);
        technicians.Count.ShouldBe(await db.Technicians.CountAsync(t => t.Region == Regions.South));
    }

    [Fact]
    public async Task TechnicianSeesOnlyTheTicketsAssignedToThem()
    {
        var technicians = await app.TechnicianIdsAsync(Regions.South);
        var (me, colleague) = (technicians[0], technicians[1]);
        var marker = TestApp.Marker("技师");
        var mineTicket = await app.CreateTicketAsync(TestApp.Admin, "深圳", marker + " 我的");
        var theirsTicket = await app.CreateTicketAsync(TestApp.Admin, "深圳", marker + " 同事的");
        var unassigned = await app.CreateTicketAsync(TestApp.Admin, "深圳", marker + " 未指派");
        await app.Tickets.AssignAsync(TestApp.Admin, mineTicket.Row.Id, me, null);
        await app.Tickets.AssignAsync(TestApp.Admin, theirsTicket.Row.Id, colleague, null);
        var scope = TestApp.Technician(me, Regions.South);

        var marked = await app.Queries.ListAsync(scope, Everything with { Text = marker });
        var all = await app.Queries.ListAsync(scope, Everything);

        marked.Items.Select(t => t.Id).ShouldBe([mineTicket.Row.Id]);
        all.Items.ShouldAllBe(t => t.AssigneeId == me);
        (await app.Queries.FindAsync(scope, theirsTicket.Row.Id)).ShouldBeNull();
        (await app.Queries.FindAsync(scope, unassigned.Row.Id)).ShouldBeNull();
        (await app.Get<CustomerQueries>().ListAsync(scope, null, null, 0, 200)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task TechnicianAccountWithoutATechnicianIdSeesNothing()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "tech-without-id"),
            new Claim(ClaimTypes.Role, AppRoles.Technician),
            new Claim(AccessScope.RegionClaim, Regions.East),
            new Claim(AccessScope.RegionClaim, AccessScope.AllRegionsValue),
        ], authenticationType: "test"));

        var scope = AccessScope.From(principal);

        await ShouldSeeNothingAsync(scope, ticket.Row.Id);
    }

    [Fact]
    public async Task NobodySeesNothing()
    {
        var ticket = await app.CreateTicketAsync(TestApp.Admin, "上海");

        await ShouldSeeNothingAsync(AccessScope.Nobody, ticket.Row.Id);
    }

    private async Task ShouldSeeNothingAsync(AccessScope scope, long visibleToAdmin)
    {
        (await app.Queries.ListAsync(scope, Everything)).Total.ShouldBe(0);
        (await app.Queries.FindAsync(scope, visibleToAdmin)).ShouldBeNull();
        (await app.Get<CustomerQueries>().ListAsync(scope, null, null, 0, 200)).Total.ShouldBe(0);
        (await app.Get<TechnicianQueries>().ListAsync(scope)).ShouldBeEmpty();
        await using var db = await app.DbAsync(scope);
        (await db.TicketEvents.AnyAsync()).ShouldBeFalse();
        (await db.Sites.AnyAsync()).ShouldBeFalse();
        (await db.Devices.AnyAsync()).ShouldBeFalse();
    }
}
