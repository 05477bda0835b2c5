using Scrm.Domain.Common;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Pricing;

/// <summary>
/// A ticket's bill became final (on completion). Amounts are in fen (1/100 CNY), VAT included; <see cref="TotalFen"/>
/// is what the customer pays (labour + parts + other − discounts), <see cref="CostFen"/> what the work cost us
/// (parts at cost, labour at the technician's cost). Settlement and the dashboards keep their own figures from this
/// event, so neither reads the pricing module's tables. The aggregate is the bill.
/// </summary>
public sealed record BillFinalised(
    long TicketId,
    string TicketNumber,
    string Region,
    string City,
    TicketType TicketType,
    long CustomerId,
    long? TechnicianId,
    long? ParentTicketId,
    long LabourFen,
    long PartsFen,
    long OtherFen,
    long DiscountFen,
    long TotalFen,
    long CostFen,
    DateTimeOffset FinalisedAt) : DomainEvent;

/// <summary>A correction to a final bill: a credit line (negative <see cref="AmountFen"/>) or a surcharge; the bill itself never changes.</summary>
public sealed record BillCredited(long TicketId, string TicketNumber, string Region, long? TechnicianId, long AmountFen, long CostFen, string Reason,
    DateTimeOffset CreditedAt) : DomainEvent;
