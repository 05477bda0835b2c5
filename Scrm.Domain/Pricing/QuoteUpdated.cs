using Scrm.Domain.Common;

namespace Scrm.Domain.Pricing;

/// <summary>A ticket's quote changed (a line added or removed, or accepted): live pages and notifications react.</summary>
public sealed record QuoteUpdated(long TicketId, string Region, long TotalFen) : DomainEvent;

/// <summary>A warehouse's stock of a part fell below its reorder point; a replenishment task was opened.</summary>
public sealed record StockBelowReorderPoint(long WarehouseId, string WarehouseName, string Region, string Sku, int Quantity, int ReorderPoint,
    long TaskId) : DomainEvent;

/// <summary>
/// A ticket's quote total crossed a threshold rule (e.g. "总额超过 ¥3,000：转金牌服务通道") and took its <see cref="Flag"/>:
/// raised once per ticket and threshold, when the quote first crosses it. Notifications tell the people the flag concerns.
/// </summary>
public sealed record QuoteThresholdReached(long TicketId, string Region, string ThresholdCode, string Flag, string Description,
    long TotalFen) : DomainEvent;
