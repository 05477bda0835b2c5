using Microsoft.EntityFrameworkCore;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Geo;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// A create by customer id reads only the one site the ticket goes to (not the customer with all its sites): the
/// site asked for, else the customer's first one the caller's region may see; both region filters still apply.
/// Uses the demo chain 椰语奶茶 (home 华东: 上海, 杭州; stores in 华南: 广州, 深圳).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TicketCreateByCustomerId(TestApp app)
{
    private const string Chain = "椰语奶茶";

    [Fact]
    public async Task TheSiteAskedForIsCopiedOntoTheTicket()
    {
        var (customer, sites) = await ChainAsync();
        var second = sites.Where(s => s.Region == Regions.East).OrderBy(s => s.Id).Last();

        var created = (await app.Tickets.CreateAsync(TestApp.Admin, ByCustomer(customer.Id, second.Id))).Ticket;

        created.CustomerId.ShouldBe(customer.Id);
        created.Row.CustomerName.ShouldBe(customer.Name);
        created.SiteId.ShouldBe(second.Id);
        created.SiteAddress.ShouldBe(second.Address);
        created.Row.City.ShouldBe(second.City);
        created.Row.Region.ShouldBe(Regions.East);
        await using var db = await app.DbAsync();
        var stored = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == created.Row.Id);
        (stored.SiteId, stored.SiteAddress, stored.City, stored.Lat, stored.Lng).ShouldBe((second.Id, second.Address, second.City, second.Lat, second.Lng));
    }

    [Fact]
    public async Task WithoutASiteTheTicketGoesToTheFirstSiteTheRegionSees()
    {
        var (customer, sites) = await ChainAsync();
        var firstSouth = sites.Where(s => s.Region == Regions.South).OrderBy(s => s.Id).First();

        var created = (await app.Tickets.CreateAsync(TestApp.Dispatcher(Regions.South), ByCustomer(customer.Id, null))).Ticket;

        created.SiteId.ShouldBe(firstSouth.Id);
        created.Row.Region.ShouldBe(Regions.South);
        created.Row.CustomerName.ShouldBe(customer.Name);
    }

    [Fact]
    public async Task ASiteOfAnotherRegionIsNotFoundAndAnUnknownCustomerIsNotFound()
    {
        var (customer, sites) = await ChainAsync();
        var east = sites.First(s => s.Region == Regions.East);

        var hidden = await Should.ThrowAsync<InputRejectedException>(() =>
            app.Tickets.CreateAsync(TestApp.Dispatcher(Regions.South), ByCustomer(customer.Id, east.Id)));
        var unknownSite = await Should.ThrowAsync<InputRejectedException>(() =>
            app.Tickets.CreateAsync(TestApp.Admin, ByCustomer(customer.Id, 987_654_321)));
        var unknownCustomer = await Should.ThrowAsync<InputRejectedException>(() =>
            app.Tickets.CreateAsync(TestApp.Admin, ByCustomer(987_654_321, null)));

        hidden.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("siteId", "Site.NotFound")]);
        unknownSite.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("siteId", "Site.NotFound")]);
        unknownCustomer.Errors.Select(e => (e.Field, e.Code)).ShouldBe([("customerId", "Customer.NotFound")]);
    }

    private static NewTicketRequest ByCustomer(long customerId, long? siteId) => new()
    {
        Title = "制冰机不制冰",
        Description = "门店反馈制冰机不出冰。",
        Type = "Repair",
        CustomerId = customerId,
        SiteId = siteId,
    };

    private async Task<(Scrm.Domain.Customers.Customer Customer, List<Scrm.Domain.Customers.Site> Sites)> ChainAsync()
    {
        await using var db = await app.DbAsync();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == Chain);
        var sites = await db.Sites.AsNoTracking().Where(s => s.CustomerId == customer.Id).ToListAsync();
        return (customer, sites);
    }
}
