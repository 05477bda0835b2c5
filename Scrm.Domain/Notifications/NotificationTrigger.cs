using System.Globalization;
using Scrm.Domain.Common;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Notifications;

/// <summary>
/// An event as rules see it: which <see cref="NotificationEvent"/> it is, the escalation action if any, the ticket and
/// region it concerns, and the placeholder values it brings (the handler adds those it reads elsewhere: customer,
/// technician, tracking link). Most triggers are ticket events; a quote's and a warehouse's are not all about a ticket
/// (<see cref="TicketId"/> null: a stock alert), and reach only the region's staff then.
/// </summary>
public sealed record NotificationTrigger(NotificationEvent Event, string? Action, DomainEvent Source,
    IReadOnlyDictionary<string, string?> Values, long? TicketId, string Region, TicketStatus? Status = null)
{
    /// <summary>Whether the event is one rules can listen for; null for the others (edits, comments, holds, empty quotes).</summary>
    public static NotificationTrigger? From(DomainEvent e) => e switch
    {
        TicketDomainEvent ticket => From(ticket),
        // A quote with a total is one the customer can accept; an emptied one is not news.
        QuoteUpdated { TotalFen: > 0 } quote => new(NotificationEvent.QuoteReady, null, e,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["total"] = Yuan(quote.TotalFen) }, quote.TicketId, quote.Region),
        QuoteThresholdReached threshold => new(NotificationEvent.QuoteThreshold, threshold.Flag, e,
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["total"] = Yuan(threshold.TotalFen), ["flag"] = threshold.Flag, ["reason"] = threshold.Description,
            }, threshold.TicketId, threshold.Region),
        StockBelowReorderPoint stock => new(NotificationEvent.StockLow, null, e,
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["warehouse"] = stock.WarehouseName, ["sku"] = stock.Sku,
                ["quantity"] = stock.Quantity.ToString(CultureInfo.InvariantCulture),
                ["reorderPoint"] = stock.ReorderPoint.ToString(CultureInfo.InvariantCulture),
            }, null, stock.Region),
        _ => null,
    };

    public static NotificationTrigger? From(TicketDomainEvent e)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["number"] = e.Number,
            ["status"] = e.Status.ToString(),
        };
        NotificationTrigger Of(NotificationEvent kind, string? action = null) => new(kind, action, e, values, e.AggregateId, e.Region, e.Status);
        switch (e)
        {
            case TicketCreated created:
                values["city"] = created.City;
                return Of(NotificationEvent.Created);
            case TicketAssigned assigned:
                values["technician"] = assigned.TechnicianName;
                return Of(NotificationEvent.Assigned);
            case TechnicianArriving arriving:
                values["eta"] = arriving.EtaMinutes.ToString(CultureInfo.InvariantCulture);
                return Of(NotificationEvent.Arriving);
            case TicketEscalated escalated:
                values["reason"] = escalated.Reason;
                values["action"] = escalated.Action;
                return Of(NotificationEvent.Escalation, escalated.Action);
            case TicketRated rated:
                values["stars"] = rated.Stars.ToString(CultureInfo.InvariantCulture);
                values["reason"] = rated.Comment;
                return Of(NotificationEvent.RatingReceived);
            case TicketSlaWarning warning:
                values["metric"] = warning.Metric;
                values["percent"] = warning.AtPercent.ToString(CultureInfo.InvariantCulture);
                values["due"] = warning.DueAt.ToOffset(TimeSpan.FromHours(8)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
                return Of(NotificationEvent.SlaWarning);
            case TicketSlaBreached breached:
                values["metric"] = breached.Metric;
                values["due"] = breached.DueAt.ToOffset(TimeSpan.FromHours(8)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
                return Of(NotificationEvent.SlaBreach);
            case TicketStatusChanged changed when StatusEvent(changed.To) is { } kind:
                if (changed.Comment is { Length: > 0 } comment) values["reason"] = comment;
                return Of(kind);
            default:
                return null;
        }
    }

    /// <summary>Fen as yuan with two decimals and thousands separators: 312000 → "3,120.00".</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);

    private static NotificationEvent? StatusEvent(TicketStatus to) => to switch
    {
        TicketStatus.Accepted => NotificationEvent.Accepted,
        TicketStatus.EnRoute => NotificationEvent.EnRoute,
        TicketStatus.OnSite => NotificationEvent.OnSite,
        TicketStatus.Resolved => NotificationEvent.Resolved,
        TicketStatus.Closed => NotificationEvent.Closed,
        _ => null,
    };
}
