using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Customers;

public sealed record CustomerRow(long Id, string Name, string Industry, CustomerTier Tier, string Region, string Phone, int SiteCount, int OpenTickets);

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
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(c => c.Region == region);
        var total = await query.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var rows = await query.OrderBy(c => c.Name).Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(c => new CustomerRow(c.Id, c.Name, c.Industry, c.Tier, c.Region, c.Phone, c.Sites.Count,
                db.Tickets.Count(t => t.CustomerId == c.Id && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled)))
            .ToListAsync(ct);
        return new Paged<CustomerRow>(rows.Select(r => Mask(scope, r)).ToList(), total, page, pageSize);
    }

    /// <summary>Up to <paramref name="take"/> customers whose name or phone contains the text, with their sites (for pickers).</summary>
    public async Task<IReadOnlyList<(CustomerRow Customer, IReadOnlyList<SiteView> Sites)>> SearchAsync(AccessScope scope, string? text, int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var query = db.Customers.AsNoTracking().Include(c => c.Sites).AsSplitQuery();
        if (!string.IsNullOrWhiteSpace(text)) query = query.Where(c => c.Name.Contains(text.Trim()) || c.Phone.Contains(text.Trim()));
        var list = await query.OrderBy(c => c.Name).Take(take).ToListAsync(ct);
        return list.Select(c => (Mask(scope, new CustomerRow(c.Id, c.Name, c.Industry, c.Tier, c.Region, c.Phone, c.Sites.Count, 0)),
            (IReadOnlyList<SiteView>)c.Sites.Select(ToView).ToList())).ToList();
    }

    public async Task<CustomerDetail?> FindAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(scope, ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Contacts).Include(x => x.Sites).Include(x => x.Devices)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var sites = c.Sites.ToDictionary(s => s.Id);
        var ticketRows = (await tickets.ListAsync(scope, new TicketFilter { CustomerId = id, PageSize = 50 }, ct)).Items;
        var open = await db.Tickets.CountAsync(t => t.CustomerId == id && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled, ct);
        var row = Mask(scope, new CustomerRow(c.Id, c.Name, c.Industry, c.Tier, c.Region, c.Phone, c.Sites.Count, open));
        return new CustomerDetail(row, c.CustomerSince,
            c.Contacts.Select(x => new ContactView(x.Id, x.Name, MaskPhone(scope, x.Phone), x.Role)).ToList(),
            c.Sites.Select(ToView).ToList(),
            c.Devices.Select(d => new DeviceView(d.Id, d.Model, d.SerialNumber, sites.TryGetValue(d.SiteId, out var s) ? s.Name : "", d.InstalledOn, d.WarrantyEnd)).ToList(),
            ticketRows);
    }

    private static SiteView ToView(Site s) => new(s.Id, s.Name, s.Address, s.City, s.Region, s.Lat, s.Lng);

    /// <summary>Finance reads money, not phone numbers.</summary>
    private static bool MayReadPhones(AccessScope scope) => !scope.IsIn(AppRoles.Finance) || scope.IsIn(AppRoles.Admin);

    private static string MaskPhone(AccessScope scope, string phone) => MayReadPhones(scope) ? phone : Scrm.Domain.Common.PhoneNumber.Mask(phone);

    private static CustomerRow Mask(AccessScope scope, CustomerRow row) => row with { Phone = MaskPhone(scope, row.Phone) };
}
