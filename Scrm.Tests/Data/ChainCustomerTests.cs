using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Customers;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Customers;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.Tests.Api;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Data;

/// <summary>
/// A chain is one customer with sites in several regions. The demo seeds three (DemoCatalog.Chains):
/// 椰语奶茶 at home in 华东 (上海, 杭州) with stores in 华南 (广州, 深圳); 粤港烧腊 at home in 华南 (广州, 深圳) with one
/// store in 华东 (上海); 山岚咖啡 in 华北 (北京 twice) and 西南 (成都). Each store has an open ticket.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChainCustomers(TestApp app)
{
    [Theory]
    [InlineData("椰语奶茶", Regions.South, 2)]
    [InlineData("椰语奶茶", Regions.East, 2)]
    [InlineData("粤港烧腊", Regions.East, 1)]
    [InlineData("粤港烧腊", Regions.South, 2)]
    [InlineData("山岚咖啡", Regions.Southwest, 1)]
    public async Task ARegionSeesTheChainByNameWithOnlyItsOwnSitesTicketsAndDevices(string chain, string region, int sites)
    {
        var all = await StoredAsync(chain);
        var scope = TestApp.Dispatcher(region);

        var detail = (await app.Get<CustomerQueries>().FindAsync(scope, all.Id)).ShouldNotBeNull();

        detail.Row.Name.ShouldBe(chain);
        detail.Row.Regions.ShouldBe([region]);
        detail.Sites.Count.ShouldBe(sites);
        detail.Sites.ShouldAllBe(s => s.Region == region);
        detail.Sites.Select(s => s.Id).ShouldBe(all.SiteIdsIn(region), ignoreOrder: true);
        detail.Row.SiteCount.ShouldBe(sites);
        detail.Devices.Select(d => d.Id).ShouldBe(all.DeviceIdsIn(region), ignoreOrder: true);
        detail.Devices.ShouldNotBeEmpty();
        detail.Tickets.ShouldNotBeEmpty();
        detail.Tickets.ShouldAllBe(t => t.Region == region);
        detail.Tickets.Select(t => t.Id).ShouldBe(all.TicketIdsIn(region), ignoreOrder: true);
        detail.Row.OpenTickets.ShouldBe(all.OpenIn(region));
    }

    [Theory]
    [InlineData("椰语奶茶", Regions.South)]
    [InlineData("粤港烧腊", Regions.East)]
    public async Task TheCustomerListCountsOnlyTheRegionsOwnSitesAndOpenTickets(string chain, string region)
    {
        var all = await StoredAsync(chain);

        var page = await app.Get<CustomerQueries>().ListAsync(TestApp.Dispatcher(region), chain, null, 0, 50);
        var filtered = await app.Get<CustomerQueries>().ListAsync(TestApp.Dispatcher(region), chain, region, 0, 50);

        var row = page.Items.ShouldHaveSingleItem();
        row.Id.ShouldBe(all.Id);
        row.Regions.ShouldBe([region]);
        row.SiteCount.ShouldBe(all.SiteIdsIn(region).Count);
        row.OpenTickets.ShouldBe(all.OpenIn(region));
        filtered.Items.Select(c => c.Id).ShouldBe([all.Id]);
    }

    [Fact]
    public async Task AnAdminSeesTheWholeChainAcrossItsRegions()
    {
        var all = await StoredAsync("椰语奶茶");

        var detail = (await app.Get<CustomerQueries>().FindAsync(TestApp.Admin, all.Id)).ShouldNotBeNull();
        var row = (await app.Get<CustomerQueries>().ListAsync(TestApp.Admin, "椰语奶茶", null, 0, 50)).Items.ShouldHaveSingleItem();

        detail.Sites.Count.ShouldBe(4);
        detail.Row.Regions.ShouldBe([Regions.East, Regions.South]);
        row.Regions.ShouldBe([Regions.East, Regions.South]);
        row.SiteCount.ShouldBe(4);
        row.OpenTickets.ShouldBe(all.OpenIn(Regions.East) + all.OpenIn(Regions.South));
        (await app.Get<CustomerQueries>().ListAsync(TestApp.Admin, "椰语奶茶", Regions.South, 0, 50)).Total.ShouldBe(1);
        (await app.Get<CustomerQueries>().ListAsync(TestApp.Admin, "椰语奶茶", Regions.North, 0, 50)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task ARegionWhereTheChainHasNoSiteDoesNotSeeIt()
    {
        var all = await StoredAsync("椰语奶茶");
        var north = TestApp.Dispatcher(Regions.North);

        (await app.Get<CustomerQueries>().FindAsync(north, all.Id)).ShouldBeNull();
        (await app.Get<CustomerQueries>().ListAsync(north, "椰语奶茶", null, 0, 50)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task TheDataLayerKeepsTheOtherRegionsSitesDevicesAndTicketsOutOfEveryQuery()
    {
        var all = await StoredAsync("椰语奶茶");

        await using var db = await app.DbAsync(TestApp.Dispatcher(Regions.South));

        (await db.Customers.CountAsync(c => c.Id == all.Id)).ShouldBe(1);
        (await db.Sites.Where(s => s.CustomerId == all.Id).Select(s => s.Id).ToListAsync()).ShouldBe(all.SiteIdsIn(Regions.South), ignoreOrder: true);
        (await db.Devices.Where(d => d.CustomerId == all.Id).Select(d => d.Id).ToListAsync()).ShouldBe(all.DeviceIdsIn(Regions.South), ignoreOrder: true);
        (await db.Tickets.Where(t => t.CustomerId == all.Id).Select(t => t.Id).ToListAsync()).ShouldBe(all.TicketIdsIn(Regions.South), ignoreOrder: true);
        var loaded = await db.Customers.Include(c => c.Sites).Include(c => c.Devices).AsSplitQuery().SingleAsync(c => c.Id == all.Id);
        loaded.Sites.ShouldAllBe(s => s.Region == Regions.South);
        loaded.Devices.Select(d => d.Id).ShouldBe(all.DeviceIdsIn(Regions.South), ignoreOrder: true);
    }

    [Fact]
    public async Task AKnownCallerOfAnotherRegionGetsANewSiteOfTheSameCustomerNotADuplicate()
    {
        var east = await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海"));
        var phone = (await StoredCustomerAsync(east.Ticket.CustomerId)).Phone;
        var south = TestApp.Dispatcher(Regions.South);
        var request = With(TestApp.NewRequest("广州"), phone);
        request.Customer!.Name = "另一个名字";

        var created = (await app.Tickets.CreateAsync(south, request)).Ticket;
        var again = (await app.Tickets.CreateAsync(south, With(TestApp.NewRequest("广州"), phone))).Ticket;

        created.CustomerId.ShouldBe(east.Ticket.CustomerId);
        created.Row.CustomerName.ShouldBe(east.Ticket.Row.CustomerName);
        created.Row.Region.ShouldBe(Regions.South);
        created.SiteAddress.ShouldBe(request.Site!.Address);
        created.SiteId.ShouldNotBe(east.Ticket.SiteId);
        again.SiteId.ShouldBe(created.SiteId);
        await using var db = await app.DbAsync();
        (await db.Customers.CountAsync(c => c.Phone == phone)).ShouldBe(1);
        var sites = await db.Sites.Where(s => s.CustomerId == created.CustomerId).OrderBy(s => s.Id).ToListAsync();
        sites.Select(s => (s.City, s.Region)).ShouldBe([("上海", Regions.East), ("广州", Regions.South)]);
        (await StoredCustomerAsync(created.CustomerId)).Region.ShouldBe(Regions.East);

        var seen = (await app.Get<CustomerQueries>().FindAsync(south, created.CustomerId)).ShouldNotBeNull();
        seen.Sites.Select(s => s.Id).ShouldBe([created.SiteId!.Value]);
        seen.Tickets.Select(t => t.Id).ShouldBe([created.Row.Id, again.Row.Id], ignoreOrder: true);
        (await app.Queries.FindAsync(south, east.Ticket.Row.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task AKnownCallerOfAnotherRegionCannotBeServedThereByThisRegion()
    {
        var east = await app.Tickets.CreateAsync(TestApp.Admin, TestApp.NewRequest("上海"));
        var phone = (await StoredCustomerAsync(east.Ticket.CustomerId)).Phone;
        var request = With(TestApp.NewRequest("杭州"), phone);

        var denied = await Should.ThrowAsync<AccessDeniedException>(() => app.Tickets.CreateAsync(TestApp.Dispatcher(Regions.South), request));

        denied.Code.ShouldBe("Ticket.RegionDenied");
        await using var db = await app.DbAsync();
        (await db.Sites.CountAsync(s => s.CustomerId == east.Ticket.CustomerId)).ShouldBe(1);
    }

    private static NewTicketRequest With(NewTicketRequest request, string phone)
    {
        request.Customer!.Phone = phone;
        return request;
    }

    private async Task<Customer> StoredCustomerAsync(long id)
    {
        await using var db = await app.DbAsync();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    /// <summary>The chain as stored, whoever may see it.</summary>
    private async Task<Chain> StoredAsync(string name)
    {
        await using var db = await app.DbAsync();
        var id = await db.Customers.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
        var sites = await db.Sites.Where(s => s.CustomerId == id).Select(s => new { s.Id, s.Region }).ToListAsync();
        var devices = await db.Devices.Where(d => d.CustomerId == id).Select(d => new { d.Id, d.SiteId }).ToListAsync();
        var tickets = await db.Tickets.Where(t => t.CustomerId == id).Select(t => new { t.Id, t.Region, t.Status }).ToListAsync();
        var regionOf = sites.ToDictionary(s => s.Id, s => s.Region);
        return new Chain(id,
            sites.Select(s => (s.Id, s.Region)).ToList(),
            devices.Select(d => (d.Id, regionOf[d.SiteId])).ToList(),
            tickets.Select(t => (t.Id, t.Region, TicketWorkflow.IsOpen(t.Status))).ToList());
    }

    private sealed record Chain(long Id, List<(long Id, string Region)> Sites, List<(long Id, string Region)> Devices,
        List<(long Id, string Region, bool Open)> Tickets)
    {
        public List<long> SiteIdsIn(string region) => Sites.Where(s => s.Region == region).Select(s => s.Id).ToList();

        public List<long> DeviceIdsIn(string region) => Devices.Where(d => d.Region == region).Select(d => d.Id).ToList();

        public List<long> TicketIdsIn(string region) => Tickets.Where(t => t.Region == region).Select(t => t.Id).ToList();

        public int OpenIn(string region) => Tickets.Count(t => t.Region == region && t.Open);
    }
}

/// <summary>The same over HTTP: a regional API key finds a chain's caller without seeing the chain's other regions.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChainCustomersOverApi(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Client();

    [Fact]
    public async Task ASouthDispatcherAttachesAnEastCallersTicketToTheSameCustomerWithoutSeeingTheEastTicket()
    {
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var eastResponse = await _admin.PostAsJsonAsync(ApiRequests.TicketsPath, Body("上海", phone));
        eastResponse.StatusCode.ShouldBe(HttpStatusCode.Created);
        var east = await eastResponse.ReadObjectAsync();
        var south = factory.Client(await factory.IssueKeyAsync(AppRoles.Dispatcher, Regions.South, TimeSpan.FromHours(1)));

        var response = await south.PostAsJsonAsync(ApiRequests.TicketsPath, Body("深圳", phone));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadObjectAsync();
        ((long)created["customerId"]!).ShouldBe((long)east["customerId"]!);
        ((string)created["region"]!).ShouldBe(Regions.South);
        ((string)created["city"]!).ShouldBe("深圳");
        (await south.GetAsync($"{ApiRequests.TicketsPath}/{(long)east["id"]!}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var listed = await south.GetFromJsonAsync<JsonObject>($"{ApiRequests.TicketsPath}?pageSize=200&q={(string)east["customerName"]!}");
        listed!["items"]!.AsArray().Select(t => (long)t!["id"]!).ShouldBe([(long)created["id"]!]);
    }

    private static object Body(string city, string phone) => new
    {
        title = "连锁门店报修",
        type = "Repair",
        customer = new { name = $"连锁测试{Random.Shared.Next(1000, 9999)}", phone },
        site = new { address = $"{city}市连锁路 1 号", city },
    };
}
