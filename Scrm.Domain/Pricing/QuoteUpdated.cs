using Scrm.Domain.Common;

namespace Scrm.Domain.Pricing;

/// <summary>A ticket's quote changed (a line added or removed, or accepted): live pages and notifications react.</summary>
public sealed record QuoteUpdated(long TicketId, string Region, long TotalFen) : DomainEvent;

/// <summary>A warehouse's stock of a part fell below its reorder point; a replenishment task was opened.</summary>
public sealed record StockBelowReorderPoint(long WarehouseId, string WarehouseName, string Region, string Sku, int Quantity, int ReorderPoint,
    long TaskId) : DomainEvent;
