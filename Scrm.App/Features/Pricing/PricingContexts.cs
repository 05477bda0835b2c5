using Microsoft.EntityFrameworkCore;
using Scrm.App.Data;
using Scrm.Domain.Pricing;
using Scrm.Domain.Tickets;

namespace Scrm.App.Features.Pricing;

/// <summary>What the engine needs to know about a ticket besides its lines.</summary>
public static class PricingContexts
{
    /// <summary>
    /// The quote context of a ticket the caller may see. Customer tier and site count are read past the query filters
    /// (a technician may not read customers), only these two values, and only for a ticket already found visible.
    /// </summary>
    public static async Task<QuoteContext> ForAsync(ScrmDbContext db, Ticket ticket, Urgency urgency, CancellationToken ct)
    {
        var customer = await db.Customers.IgnoreQueryFilters().Where(c => c.Id == ticket.CustomerId)
            .Select(c => new { c.Tier, Sites = db.Sites.IgnoreQueryFilters().Count(s => s.CustomerId == c.Id) })
            .FirstOrDefaultAsync(ct);
        // A chain is one customer with many sites (ADR 0007); chains and franchises get their own price lists.
        var type = customer?.Sites > 1 ? CustomerType.Chain : CustomerType.Individual;
        return new QuoteContext(ticket.Region, ticket.City, type, customer?.Tier ?? Scrm.Domain.Customers.CustomerTier.Standard,
            ticket.CreatedAt, urgency);
    }

    /// <summary>The urgency a new quote starts with: 特急 for an urgent ticket, 加急 for a high one, else 普通.</summary>
    public static Urgency UrgencyOf(TicketPriority priority) => priority switch
    {
        TicketPriority.Urgent => Urgency.Emergency,
        TicketPriority.High => Urgency.Express,
        _ => Urgency.Normal,
    };
}
