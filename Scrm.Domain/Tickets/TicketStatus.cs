namespace Scrm.Domain.Tickets;

public enum TicketStatus
{
    New,
    Assigned,
    Accepted,
    EnRoute,
    OnSite,
    InProgress,
    OnHold,
    Resolved,
    Closed,
    Cancelled,
    Reopened,
}
