using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Customers;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Customers;

/// <summary>
/// A customer as the caller sees it: the regions are those of the sites the caller may see (a chain has several), or
/// its home region when it has none of them; the counts are of visible rows only.
/// </summary>
public sealed record CustomerRow(long Id, string Name, string Industry, CustomerTier Tier, IReadOnlyList<string> Regions,
    string Phone, int SiteCount, int OpenTickets)
{
    /// <summary>The cities of the visible sites: tells two stores of the same name apart.</summary>
    public IReadOnlyList<string> Cities { get; init; } = [];
}

public sealed record SiteView(long Id, string Name, string Address, string City, string Region, double Lat, double Lng);

public sealed record ContactView(long Id, string Name, string Phone, string Role);

public sealed record DeviceView(long Id, string Model, string SerialNumber, string SiteName, DateOnly InstalledOn, DateOnly WarrantyEnd);

public sealed record CustomerDetail(CustomerRow Row, DateTimeOffset CustomerSince, IReadOnlyList<ContactView> Contacts,
    IReadOnlyList<SiteView> Sites, IReadOnlyList<DeviceView> Devices, IReadOnlyList<TicketRow> Tickets);

/// <summary>Customers as the caller may see them: region-filtered in the data layer; phones masked for roles without the right.</summary>
public sealed class CustomerQueries(IDbContextFactory<ScrmDbContext> dbFactory, TicketQueries tickets)
{
    public async Task<Paged<CustomerRow>> ListAsync(AccessScope scope, string? text, string? region, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text)) query = query.Where(c => c.Name.Contains(text.Trim()) || c.Phone.Contains(text.Trim()));
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(c => c.Region == region || c.Sites.Any(s => s.Region == region));
        var total = await query.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 200);
        // c.Sites and db.Tickets pass through their own region filters: a chain shows only the caller's part of it.
        var rows = await query.OrderBy(c => c.Name).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Name, c.Industry, c.Tier, c.Region, c.Phone,
                SiteRegions = c.Sites.Select(s => s.Region).ToList(),
                SiteCities = c.Sites.Select(s => s.City).ToList(),
                SiteCount = c.Sites.Count,
                OpenTickets = db.Tickets.Count(t => t.CustomerId == c.Id && TicketWorkflow.OpenStatuses.Contains(t.Status)),
            })
            .ToListAsync(ct);
        return new Paged<CustomerRow>(rows.Select(c => Mask(scope, new CustomerRow(c.Id, c.Name, c.Industry, c.Tier,
            RegionsOf(c.Region, c.SiteRegions), c.Phone, c.SiteCount, c.OpenTickets) { Cities = c.SiteCities.Distinct().ToList() })).ToList(),
            total, page, pageSize);
    }

    /// <summary>Up to <paramref name="take"/> customers whose name or phone contains the text, with their sites (for pickers).</summary>
    public async Task<IReadOnlyList<(CustomerRow Customer, IReadOnlyList<SiteView> Sites)>> SearchAsync(AccessScope scope, string? text, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = db.Customers.AsNoTracking().Include(c => c.Sites).AsSplitQuery();
        if (!string.IsNullOrWhiteSpace(text)) query = query.Where(c => c.Name.Contains(text.Trim()) || c.Phone.Contains(text.Trim()));
        var list = await query.OrderBy(c => c.Name).Take(take).ToListAsync(ct);
        return list.Select(c => (Mask(scope, ToRow(c, 0)), (IReadOnlyList<SiteView>)c.Sites.Select(ToView).ToList())).ToList();
    }

    /// <summary>One customer with the sites the caller may see, for a picker that starts with it; null when it is hidden.</summary>
    public async Task<(CustomerRow Customer, IReadOnlyList<SiteView> Sites)?> PickAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Sites).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : (Mask(scope, ToRow(c, 0)), c.Sites.OrderBy(s => s.Id).Select(ToView).ToList());
    }

    public async Task<CustomerDetail?> FindAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).Include(x => x.Sites).Include(x => x.Devices)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var sites = c.Sites.ToDictionary(s => s.Id);
        var ticketRows = (await tickets.ListAsync(scope, new TicketFilter { CustomerId = id, PageSize = 50 }, ct)).Items;
        var open = await db.Tickets.CountAsync(t => t.CustomerId == id && TicketWorkflow.OpenStatuses.Contains(t.Status), ct);
        var row = Mask(scope, ToRow(c, open));
        return new CustomerDetail(row, c.CustomerSince,
            c.Contacts.Select(x => new ContactView(x.Id, x.Name, MaskPhone(scope, x.Phone), x.Role)).ToList(),
            c.Sites.Select(ToView).ToList(),
            c.Devices.Select(d => new DeviceView(d.Id, d.Model, d.SerialNumber, sites.TryGetValue(d.SiteId, out var s) ? s.Name : "", d.InstalledOn, d.WarrantyEnd)).ToList(),
            ticketRows);
    }

    private static SiteView ToView(Site s) => new(s.Id, s.Name, s.Address, s.City, s.Region, s.Lat, s.Lng);

    /// <summary>A customer loaded with the sites the caller may see.</summary>
    private static CustomerRow ToRow(Customer c, int openTickets) =>
        new(c.Id, c.Name, c.Industry, c.Tier, RegionsOf(c.Region, c.Sites.Select(s => s.Region)), c.Phone, c.Sites.Count, openTickets)
        {
            Cities = c.Sites.Select(s => s.City).Distinct().ToList(),
        };

    private static IReadOnlyList<string> RegionsOf(string home, IEnumerable<string> siteRegions)
    {
        var regions = Regions.All.Intersect(siteRegions).ToList();
        return regions.Count > 0 ? regions : [home];
    }

    private static string MaskPhone(AccessScope scope, string phone) => scope.Phone(phone);

    private static CustomerRow Mask(AccessScope scope, CustomerRow row) => row with { Phone = MaskPhone(scope, row.Phone) };
}
