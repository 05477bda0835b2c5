using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Catalog;

/// <summary>Where a part was taken from, or null when neither the van nor the region's warehouse had enough.</summary>
public sealed record StockTaken(long PartId, int Quantity, long? WarehouseId, ReplenishmentTask? OpenedTask);

/// <summary>
/// Takes parts out of stock. Each take is ONE conditional UPDATE (… SET Quantity = Quantity - n WHERE Quantity >= n),
/// so two completions racing for the last part can never both get it and stock never goes negative, gate or no gate.
/// </summary>
public static class StockLedger
{
    /// <summary>
    /// Takes <paramref name="quantity"/> of a part from the technician's van, else from the region's warehouse; opens
    /// a replenishment task when the warehouse it came from (or, when none had enough, the region's) is below its
    /// reorder point and has no open task. Must run inside the write path's transaction.
    /// </summary>
    public static async Task<StockTaken> TakeAsync(ScrmDbContext db, long partId, int quantity, long? technicianId, string region, long ticketId,
        DateTimeOffset now, CancellationToken ct)
    {
        var warehouses = await db.Warehouses.AsNoTracking()
            .Where(w => (technicianId != null && w.TechnicianId == technicianId) || (w.Kind == WarehouseKind.Region && w.Region == region))
            .ToListAsync(ct);
        var ordered = warehouses.OrderBy(w => w.Kind == WarehouseKind.Van ? 0 : 1).ThenBy(w => w.Id).ToList();
        foreach (var warehouse in ordered)
        {
            var taken = await db.StockLevels
                .Where(s => s.WarehouseId == warehouse.Id && s.PartId == partId && s.Quantity >= quantity)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Quantity, s => s.Quantity - quantity), ct);
            if (taken == 1) return new StockTaken(partId, quantity, warehouse.Id, await ReorderIfLowAsync(db, warehouse, partId, ticketId, now, ct));
        }
        var home = ordered.LastOrDefault(w => w.Kind == WarehouseKind.Region);
        return new StockTaken(partId, quantity, null, home is null ? null : await ReorderIfLowAsync(db, home, partId, ticketId, now, ct));
    }

    private static async Task<ReplenishmentTask?> ReorderIfLowAsync(ScrmDbContext db, Warehouse warehouse, long partId, long ticketId,
        DateTimeOffset now, CancellationToken ct)
    {
        var level = await db.StockLevels.AsNoTracking().FirstOrDefaultAsync(s => s.WarehouseId == warehouse.Id && s.PartId == partId, ct);
        if (level is null || level.Quantity >= level.ReorderPoint) return null;
        // An ordered delivery is on its way: a second task for the same part would order it twice.
        var open = await db.ReplenishmentTasks.AnyAsync(t => t.WarehouseId == warehouse.Id && t.PartId == partId && t.Status != ReplenishmentStatus.Done, ct)
                   || db.ReplenishmentTasks.Local.Any(t => t.WarehouseId == warehouse.Id && t.PartId == partId && t.IsPending);
        if (open) return null;
        var sku = await db.Parts.Where(p => p.Id == partId).Select(p => p.Sku).FirstAsync(ct);
        var task = new ReplenishmentTask
        {
            WarehouseId = warehouse.Id, PartId = partId, Sku = sku, Region = warehouse.Region, QuantityAtOpening = level.Quantity,
            ReorderPoint = level.ReorderPoint, TicketId = ticketId, OpenedAt = now, Status = ReplenishmentStatus.Open,
        };
        db.ReplenishmentTasks.Add(task);
        return task;
    }

    public static StockBelowReorderPoint EventFor(ReplenishmentTask task, string warehouseName) =>
        new(task.WarehouseId, warehouseName, task.Region, task.Sku, task.QuantityAtOpening, task.ReorderPoint, task.Id) { OccurredAt = task.OpenedAt };
}
