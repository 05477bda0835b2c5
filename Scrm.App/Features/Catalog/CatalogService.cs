using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Catalog;

public sealed record StockRow(long StockId, string Warehouse, WarehouseKind Kind, string Region, string Sku, string PartName, int Quantity, int ReorderPoint)
{
    public bool Low => Quantity < ReorderPoint;
}

public sealed record ReplenishmentRow(long Id, string Warehouse, string Region, string Sku, int QuantityAtOpening, int ReorderPoint, DateTimeOffset OpenedAt,
    ReplenishmentStatus Status = ReplenishmentStatus.Open, int? OrderedQuantity = null);

/// <summary>One row of a CSV import that could not be taken, by line number (the header is line 1).</summary>
public sealed record ImportError(int Line, string Field, string Code, string Message);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The catalogue: service items, parts, stock per warehouse and replenishment tasks. Everyone signed in reads; Admins
/// edit and import; Warehouse users (仓管) count the stock and work the replenishment tasks of their own regions.
/// </summary>
public sealed class CatalogService(IDbContextFactory<ScrmDbContext> dbFactory, WritePath writes, TimeProvider clock)
{
    public const int MaxDelivery = 100_000;

    public static bool MayEdit(AccessScope scope) => scope.IsIn(AppRoles.Admin);

    /// <summary>Counting stock and working replenishment tasks: Admins anywhere, Warehouse users in their own regions (checked per row).</summary>
    public static bool MayWorkStock(AccessScope scope) => scope.IsInAny(AppRoles.Admin, AppRoles.Warehouse);

    public async Task<IReadOnlyList<ServiceItem>> ServiceItemsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.ServiceItems.AsNoTracking().OrderBy(i => i.Category).ThenBy(i => i.Code).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Part>> PartsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        return await db.Parts.AsNoTracking().OrderBy(p => p.Category).ThenBy(p => p.Sku).ToListAsync(ct);
    }

    /// <summary>Stock in the warehouses of the caller's regions; a technician sees their own van only.</summary>
    public async Task<IReadOnlyList<StockRow>> StockAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await (from s in db.StockLevels
                          join w in db.Warehouses on s.WarehouseId equals w.Id
                          join p in db.Parts on s.PartId equals p.Id
                          select new { s, w, p }).AsNoTracking().ToListAsync(ct);
        return rows.Where(r => scope.TechnicianId is { } tech ? r.w.TechnicianId == tech : scope.CanSeeRegion(r.w.Region))
            .OrderBy(r => r.w.Region).ThenBy(r => r.w.Kind).ThenBy(r => r.w.Name).ThenBy(r => r.p.Sku)
            .Select(r => new StockRow(r.s.Id, r.w.Name, r.w.Kind, r.w.Region, r.p.Sku, r.p.Name, r.s.Quantity, r.s.ReorderPoint)).ToList();
    }

    public async Task<IReadOnlyList<ReplenishmentRow>> OpenReplenishmentsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateForAsync(AccessScope.System, ct);
        var rows = await (from t in db.ReplenishmentTasks
                          join w in db.Warehouses on t.WarehouseId equals w.Id
                          where t.Status != ReplenishmentStatus.Done
                          orderby t.OpenedAt descending
                          select new { t, w.Name }).AsNoTracking().ToListAsync(ct);
        return rows.Where(r => scope.CanSeeRegion(r.t.Region))
            .Select(r => new ReplenishmentRow(r.t.Id, r.Name, r.t.Region, r.t.Sku, r.t.QuantityAtOpening, r.t.ReorderPoint, r.t.OpenedAt,
                r.t.Status, r.t.OrderedQuantity)).ToList();
    }

    /// <summary>The warehouse orders <paramref name="quantity"/> of the task's part from the supplier: Open → Ordered.</summary>
    public Task OrderReplenishmentAsync(AccessScope scope, long taskId, int quantity, CancellationToken ct = default) =>
        WorkTaskAsync(scope, taskId, quantity, ReplenishmentStatus.Open, (db, task, token) =>
        {
            (task.Status, task.OrderedQuantity, task.OrderedAt, task.OrderedBy) = (ReplenishmentStatus.Ordered, quantity, clock.GetUtcNow(), scope.Actor.Name);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// The ordered parts arrived: <paramref name="quantity"/> (what was really delivered) is added to the warehouse's
    /// stock, the task is Done and StockReceived raised, in one write. The addition is one UPDATE … Quantity + n,
    /// like the ledger's takes, so a completion taking parts at the same moment loses nothing.
    /// </summary>
    public Task ReceiveReplenishmentAsync(AccessScope scope, long taskId, int quantity, CancellationToken ct = default) =>
        WorkTaskAsync(scope, taskId, quantity, ReplenishmentStatus.Ordered, async (db, task, token) =>
        {
            var added = await db.StockLevels.Where(s => s.WarehouseId == task.WarehouseId && s.PartId == task.PartId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Quantity, s => s.Quantity + quantity), token);
            if (added == 0) db.StockLevels.Add(new StockLevel { WarehouseId = task.WarehouseId, PartId = task.PartId, Quantity = quantity, ReorderPoint = task.ReorderPoint });
            var now = await db.StockLevels.AsNoTracking().Where(s => s.WarehouseId == task.WarehouseId && s.PartId == task.PartId)
                .Select(s => (int?)s.Quantity).FirstOrDefaultAsync(token) ?? quantity;
            var warehouse = await db.Warehouses.AsNoTracking().FirstAsync(w => w.Id == task.WarehouseId, token);
            var at = clock.GetUtcNow();
            (task.Status, task.ReceivedQuantity, task.ReceivedAt, task.ReceivedBy) = (ReplenishmentStatus.Done, quantity, at, scope.Actor.Name);
            task.Raise(new StockReceived(task.Id, task.WarehouseId, warehouse.Name, task.Region, task.Sku, quantity, now, scope.Actor.Name) { OccurredAt = at });
        }, ct);

    private async Task WorkTaskAsync(AccessScope scope, long taskId, int quantity, ReplenishmentStatus from,
        Func<ScrmDbContext, ReplenishmentTask, CancellationToken, Task> work, CancellationToken ct)
    {
        if (!MayWorkStock(scope)) throw new AccessDeniedException("Catalog.StockDenied", "Only Admins and Warehouse users work replenishment tasks.");
        if (quantity is <= 0 or > MaxDelivery)
            throw new InputRejectedException([new FieldError("quantity", "Catalog.BadDelivery", $"quantity must be a whole number from 1 to {MaxDelivery}.", "quantity")]);
        await writes.RunAsync(scope, async (db, token) =>
        {
            // Another region's task is as absent as its tickets are (ADR 0002): nothing tells the caller it exists.
            var task = await db.ReplenishmentTasks.FirstOrDefaultAsync(t => t.Id == taskId, token);
            if (task is null || !scope.CanSeeRegion(task.Region)) throw new NotFoundException("ReplenishmentTask", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (task.Status != from) throw new DomainRuleException("Catalog.TaskMoved", $"The task is {task.Status}, not {from}: someone else worked it.");
            await work(db, task, token);
            return true;
        }, ct);
    }

    /// <summary>Sets a stock level's quantity and reorder point (a stock count or a delivery); closes its open task when back above the point.</summary>
    public async Task SetStockAsync(AccessScope scope, long stockId, int quantity, int reorderPoint, CancellationToken ct = default)
    {
        if (!MayWorkStock(scope)) throw new AccessDeniedException("Catalog.StockDenied", "Only Admins and Warehouse users count stock.");
        var errors = new List<FieldError>();
        if (quantity < 0) errors.Add(new FieldError("quantity", "Catalog.NegativeStock", "Stock cannot be negative.", "quantity"));
        if (reorderPoint < 0) errors.Add(new FieldError("reorderPoint", "Catalog.NegativeStock", "A reorder point cannot be negative.", "reorderPoint"));
        if (errors.Count > 0) throw new InputRejectedException(errors);
        await writes.RunAsync(scope, async (db, token) =>
        {
            var level = await db.StockLevels.FirstOrDefaultAsync(s => s.Id == stockId, token);
            var region = level is null ? null : await db.Warehouses.Where(w => w.Id == level.WarehouseId).Select(w => w.Region).FirstOrDefaultAsync(token);
            if (level is null || region is null || !scope.CanSeeRegion(region))
                throw new NotFoundException("Stock", stockId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (level.Quantity, level.ReorderPoint) = (quantity, reorderPoint);
            if (quantity >= reorderPoint)
                foreach (var task in await db.ReplenishmentTasks.Where(t => t.WarehouseId == level.WarehouseId && t.PartId == level.PartId && t.Status == ReplenishmentStatus.Open).ToListAsync(token))
                    task.Status = ReplenishmentStatus.Done;
            return true;
        }, ct);
    }

    /// <summary>Imports parts from CSV (sku,name,category,compatibility,costFen,listPriceFen): all rows or none.</summary>
    public Task<ImportResult> ImportPartsAsync(AccessScope scope, string csv, CancellationToken ct = default) =>
        ImportAsync(scope, csv, ["sku", "name", "category", "compatibility", "costFen", "listPriceFen"], (row, line, errors) =>
        {
            var cost = Fen(row[4], line, "costFen", errors);
            var list = Fen(row[5], line, "listPriceFen", errors);
            return new Part { Sku = row[0], Name = row[1], Category = row[2], Compatibility = row[3], CostFen = cost, ListPriceFen = list };
        }, async (db, parts, token) =>
        {
            var existing = await db.Parts.ToDictionaryAsync(p => p.Sku, token);
            foreach (var part in parts)
                if (existing.TryGetValue(part.Sku, out var old))
                    (old.Name, old.Category, old.Compatibility, old.CostFen, old.ListPriceFen) = (part.Name, part.Category, part.Compatibility, part.CostFen, part.ListPriceFen);
                else db.Parts.Add(part);
        }, p => p.Sku, ct);

    /// <summary>Imports service items from CSV (code,name,category,standardMinutes,labourPriceFen): all rows or none.</summary>
    public Task<ImportResult> ImportServiceItemsAsync(AccessScope scope, string csv, CancellationToken ct = default) =>
        ImportAsync(scope, csv, ["code", "name", "category", "standardMinutes", "labourPriceFen"], (row, line, errors) =>
        {
            if (!int.TryParse(row[3], out var minutes) || minutes <= 0)
                errors.Add(new ImportError(line, "standardMinutes", "Catalog.BadMinutes", "standardMinutes must be a whole number of minutes above 0."));
            return new ServiceItem { Code = row[0], Name = row[1], Category = row[2], StandardMinutes = minutes, LabourPriceFen = Fen(row[4], line, "labourPriceFen", errors) };
        }, async (db, items, token) =>
        {
            var existing = await db.ServiceItems.ToDictionaryAsync(i => i.Code, token);
            foreach (var item in items)
                if (existing.TryGetValue(item.Code, out var old))
                    (old.Name, old.Category, old.StandardMinutes, old.LabourPriceFen) = (item.Name, item.Category, item.StandardMinutes, item.LabourPriceFen);
                else db.ServiceItems.Add(item);
        }, i => i.Code, ct);

    private async Task<ImportResult> ImportAsync<T>(AccessScope scope, string csv, string[] header, Func<string[], int, List<ImportError>, T> parse,
        Func<ScrmDbContext, List<T>, CancellationToken, Task> save, Func<T, string> key, CancellationToken ct)
    {
        if (!MayEdit(scope)) throw new AccessDeniedException("Catalog.EditDenied", "Only Admins edit the catalogue.");
        var errors = new List<ImportError>();
        var rows = Csv.Parse(csv ?? "");
        if (rows.Count == 0 || !rows[0].Select(h => h.Trim()).SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
            return new ImportResult(0, [new ImportError(1, "header", "Catalog.BadHeader", "The first line must be: " + string.Join(",", header))]);
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < rows.Count; i++)
        {
            var line = i + 1;
            var row = rows[i].Select(c => c.Trim()).ToArray();
            if (row.All(c => c.Length == 0)) continue;
            if (row.Length != header.Length)
            {
                errors.Add(new ImportError(line, "", "Catalog.BadColumnCount", $"Expected {header.Length} columns, found {row.Length}."));
                continue;
            }
            if (row[0].Length is 0 or > ServiceItem.CodeMaxLength) errors.Add(new ImportError(line, header[0], "Field.Required", $"{header[0]} is required (at most 40 characters)."));
            if (row[1].Length is 0 or > 100) errors.Add(new ImportError(line, "name", "Field.Required", "name is required (at most 100 characters)."));
            if (row[2].Length is 0 or > 40) errors.Add(new ImportError(line, "category", "Field.Required", "category is required (at most 40 characters)."));
            if (row[0].Length > 0 && !seen.Add(row[0])) errors.Add(new ImportError(line, header[0], "Catalog.DuplicateRow", $"{row[0]} appears twice in the file."));
            items.Add(parse(row, line, errors));
        }
        if (errors.Count > 0) return new ImportResult(0, errors);
        await writes.RunAsync(scope, async (db, token) =>
        {
            await save(db, items, token);
            return true;
        }, ct);
        return new ImportResult(items.Count, []);
    }

    private static long Fen(string text, int line, string field, List<ImportError> errors)
    {
        if (long.TryParse(text, out var fen) && fen >= 0) return fen;
        errors.Add(new ImportError(line, field, "Pricing.NegativePrice", $"{field} must be a whole number of fen, 0 or more."));
        return 0;
    }
}
