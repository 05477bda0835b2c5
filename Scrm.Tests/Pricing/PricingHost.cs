using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.App.Features.Pricing;
using Scrm.App.Features.Tickets;
using Scrm.Domain.Tickets;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

/// <summary>The small demo app, of its own: its tests change stock and finalise bills.</summary>
public sealed class PricingHost : TestApp
{
    public QuoteService Quotes => Get<QuoteService>();

    /// <summary>A new 上海 ticket assigned to a 华东 technician, walked up to <paramref name="until"/>.</summary>
    public async Task<(long TicketId, long TechnicianId)> TicketAsync(TicketStatus until = TicketStatus.InProgress, string city = "上海")
    {
        var ticket = await CreateTicketAsync(Admin, city);
        var region = ticket.Row.Region;
        var tech = (await TechnicianIdsAsync(region))[0];
        await Tickets.AssignAsync(Admin, ticket.Row.Id, tech, null);
        foreach (var step in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed })
        {
            if (step > until) break;
            await Tickets.TransitionAsync(Admin, ticket.Row.Id, step, "测试");
        }
        return (ticket.Row.Id, tech);
    }

    public async Task<TicketQuote?> QuoteRowAsync(long ticketId)
    {
        await using var db = await DbAsync();
        return await db.TicketQuotes.AsNoTracking().Include(q => q.Lines).FirstOrDefaultAsync(q => q.TicketId == ticketId);
    }

    public async Task<List<string>> OutboxTypesAsync(long aggregateId)
    {
        await using var db = await DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.AggregateId == aggregateId).OrderBy(m => m.Id).Select(m => m.Type).ToListAsync();
    }

    /// <summary>Sets a part's stock in the region's warehouse (and empties the region's vans of it), closing open tasks.</summary>
    public async Task<long> SetRegionStockAsync(string region, string sku, int quantity, int reorderPoint)
    {
        await using var db = await DbAsync();
        var part = await db.Parts.SingleAsync(p => p.Sku == sku);
        var warehouses = await db.Warehouses.Where(w => w.Region == region).ToListAsync();
        foreach (var level in await db.StockLevels.Where(s => s.PartId == part.Id).ToListAsync())
        {
            var w = warehouses.FirstOrDefault(x => x.Id == level.WarehouseId);
            if (w is null) continue;
            (level.Quantity, level.ReorderPoint) = w.Kind == WarehouseKind.Region ? (quantity, reorderPoint) : (0, 0);
        }
        foreach (var task in await db.ReplenishmentTasks.Where(t => t.PartId == part.Id).ToListAsync()) task.Status = ReplenishmentStatus.Done;
        await db.SaveChangesAsync();
        return warehouses.Single(w => w.Kind == WarehouseKind.Region).Id;
    }

    public async Task<int> StockAsync(long warehouseId, string sku)
    {
        await using var db = await DbAsync();
        return await db.StockLevels.Where(s => s.WarehouseId == warehouseId && db.Parts.Any(p => p.Id == s.PartId && p.Sku == sku))
            .Select(s => s.Quantity).SingleAsync();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}.");
            await Task.Delay(50);
        }
    }
}
