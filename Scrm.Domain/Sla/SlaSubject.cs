using Scrm.Domain.Customers;
using Scrm.Domain.Tickets;

namespace Scrm.Domain.Sla;

/// <summary>The facts of a ticket a policy is chosen by.</summary>
public sealed record SlaSubject(TicketPriority Priority, CustomerTier Tier, string Region, TicketType Type);
