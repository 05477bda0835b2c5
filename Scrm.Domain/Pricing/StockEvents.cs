using Scrm.Domain.Common;

namespace Scrm.Domain.Pricing;

/// <summary>
/// A replenishment task's delivery was received into a warehouse: <see cref="QuantityReceived"/> was added to its
/// stock of <see cref="Sku"/>, which now holds <see cref="QuantityNow"/>. The aggregate is the replenishment task.
/// </summary>
public sealed record StockReceived(long TaskId, long WarehouseId, string WarehouseName, string Region, string Sku, int QuantityReceived,
    int QuantityNow, string ReceivedBy) : DomainEvent;
