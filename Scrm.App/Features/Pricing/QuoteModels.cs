using Scrm.Domain.Pricing;

namespace Scrm.App.Features.Pricing;

public sealed record QuoteLineView(long Id, string Code, LineKind Kind, string Category, string Description, decimal Quantity,
    long UnitPriceFen, long GrossFen, long DiscountFen, long NetFen, bool UnderWarranty, IReadOnlyList<AppliedRule> Rules);

public sealed record BillCreditView(long Id, long AmountFen, string Reason, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A ticket's quote as the panel and GET /api/v1/tickets/{id}/quote show it; a final one is the bill.</summary>
public sealed record QuoteView(
    long TicketId,
    string TicketNumber,
    QuoteStatus Status,
    Urgency Urgency,
    IReadOnlyList<QuoteLineView> Lines,
    long LabourFen,
    long PartsFen,
    long OtherFen,
    long DiscountFen,
    long TotalFen,
    IReadOnlyList<string> Flags,
    IReadOnlyList<QuoteProblem> Problems,
    IReadOnlyList<BillCreditView> Credits,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? FinalisedAt)
{
    /// <summary>What the customer pays after corrections.</summary>
    public long PayableFen => TotalFen + Credits.Sum(c => c.AmountFen);
}

/// <summary>A line to add: an item code (service item, part SKU, LABOUR) and a quantity; <see cref="PriceFen"/> only for "Other" lines.</summary>
public sealed record NewQuoteLine(string? Kind, string? Code, decimal? Quantity, string? Description = null, long? PriceFen = null, bool? UnderWarranty = null);

public sealed record NewBillCredit(long? AmountFen, string? Reason);
