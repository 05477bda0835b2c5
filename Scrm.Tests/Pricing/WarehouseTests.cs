using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.App.Features.Catalog;
using Scrm.App.Features.Shared;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Tests.Infrastructure;

namespace Scrm.Tests.Pricing;

/// <summary>仓管: a Warehouse user sees and works the stock and replenishment tasks of their own region only.</summary>
public sealed class WarehouseTests(PricingHost app) : IClassFixture<PricingHost>
{
    private static readonly AccessScope EastWarehouse = TestApp.Scope("test-warehouse-east", "华东仓管", AppRoles.Warehouse, allRegions: false, "华东");

    private CatalogService Catalog => app.Get<CatalogService>();

    /// <summary>An open task for <paramref name="sku"/> in the region's warehouse, whose stock is set to <paramref name="quantity"/>.</summary>
    private async Task<(long TaskId, long WarehouseId)> OpenTaskAsync(string region, string sku, int quantity = 2, int reorderPoint = 10)
    {
        var warehouseId = await app.SetRegionStockAsync(region, sku, quantity, reorderPoint);
        await using var db = await app.DbAsync();
        var part = await db.Parts.SingleAsync(p => p.Sku == sku);
        var task = new ReplenishmentTask
        {
            WarehouseId = warehouseId, PartId = part.Id, Sku = sku, Region = region, QuantityAtOpening = quantity, ReorderPoint = reorderPoint,
            OpenedAt = DateTimeOffset.UtcNow, Status = ReplenishmentStatus.Open,
        };
        db.ReplenishmentTasks.Add(task);
        await db.SaveChangesAsync();
        return (task.Id, warehouseId);
    }

    [Fact]
    public async Task TheDemoGivesEastsWarehouseATaskToOrderAndOneToReceive()
    {
        var seeded = (await Catalog.OpenReplenishmentsAsync(EastWarehouse)).Where(t => t.OpenedAt < DateTimeOffset.UtcNow.AddHours(-20)).ToList();

        seeded.ShouldContain(t => t.Status == ReplenishmentStatus.Open && t.Region == "华东");
        seeded.ShouldContain(t => t.Status == ReplenishmentStatus.Ordered && t.OrderedQuantity > 0);
    }

    [Fact]
    public async Task AWarehouseUserSeesOnlyTheirRegionsStockAndTasks()
    {
        var (east, _) = await OpenTaskAsync("华东", "PT-PP-10");
        var (south, _) = await OpenTaskAsync("华南", "PT-AC-FILTER");

        var stock = await Catalog.StockAsync(EastWarehouse);
        stock.ShouldNotBeEmpty();
        stock.ShouldAllBe(s => s.Region == "华东");
        var tasks = await Catalog.OpenReplenishmentsAsync(EastWarehouse);
        tasks.Select(t => t.Id).ShouldContain(east);
        tasks.Select(t => t.Id).ShouldNotContain(south);
    }

    [Fact]
    public async Task OrderingThenReceivingAddsTheDeliveryToStockAuditedWithStockReceived()
    {
        var (taskId, warehouseId) = await OpenTaskAsync("华东", "PT-ICE-PUMP", quantity: 3, reorderPoint: 10);

        await Catalog.OrderReplenishmentAsync(EastWarehouse, taskId, 20);
        (await Catalog.OpenReplenishmentsAsync(EastWarehouse)).Single(t => t.Id == taskId)
            .ShouldSatisfyAllConditions(t => t.Status.ShouldBe(ReplenishmentStatus.Ordered), t => t.OrderedQuantity.ShouldBe(20));
        (await app.StockAsync(warehouseId, "PT-ICE-PUMP")).ShouldBe(3);

        await Catalog.ReceiveReplenishmentAsync(EastWarehouse, taskId, 18);

        (await app.StockAsync(warehouseId, "PT-ICE-PUMP")).ShouldBe(21);
        (await Catalog.OpenReplenishmentsAsync(EastWarehouse)).ShouldNotContain(t => t.Id == taskId);
        await using var db = await app.DbAsync();
        var received = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.AggregateId == taskId && m.Type == nameof(StockReceived));
        var e = app.Get<Scrm.App.Events.EventTypes>().Deserialize(received.Type, received.Payload).ShouldBeOfType<StockReceived>();
        (e.WarehouseId, e.Region, e.Sku, e.QuantityReceived, e.QuantityNow, e.ReceivedBy).ShouldBe((warehouseId, "华东", "PT-ICE-PUMP", 18, 21, "华东仓管"));
        (await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(ReplenishmentTask) && a.EntityId == taskId.ToString() && a.UserName == "华东仓管").CountAsync())
            .ShouldBe(2);
        await Should.ThrowAsync<DomainRuleException>(() => Catalog.ReceiveReplenishmentAsync(EastWarehouse, taskId, 18));
    }

    [Fact]
    public async Task AnEastWarehouseUserCannotTouchSouthStockAndOtherRolesCannotWorkTasks()
    {
        var (south, southWarehouse) = await OpenTaskAsync("华南", "PT-CARBON-10", quantity: 1, reorderPoint: 5);
        long southStock;
        await using (var db = await app.DbAsync())
            southStock = await db.StockLevels.Where(s => s.WarehouseId == southWarehouse).Select(s => s.Id).FirstAsync();

        await Should.ThrowAsync<NotFoundException>(() => Catalog.OrderReplenishmentAsync(EastWarehouse, south, 10));
        await Should.ThrowAsync<NotFoundException>(() => Catalog.SetStockAsync(EastWarehouse, southStock, 99, 5));
        await Should.ThrowAsync<AccessDeniedException>(() => Catalog.OrderReplenishmentAsync(TestApp.Dispatcher("华南"), south, 10));
        (await Should.ThrowAsync<InputRejectedException>(() => Catalog.OrderReplenishmentAsync(TestApp.Admin, south, 0))).Errors.Single().Code.ShouldBe("Catalog.BadDelivery");

        (await Catalog.OpenReplenishmentsAsync(TestApp.Admin)).Single(t => t.Id == south).Status.ShouldBe(ReplenishmentStatus.Open);
        (await app.StockAsync(southWarehouse, "PT-CARBON-10")).ShouldBe(1);
    }
}
