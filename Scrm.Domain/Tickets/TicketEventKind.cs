namespace Scrm.Domain.Tickets;

public enum TicketEventKind
{
    Created,
    StatusChanged,
    Assigned,
    FieldChanged,
    Commented,
    /// <summary>An SLA ladder step or a flow time limit reached someone: Field = the action, After = the role, Comment = why.</summary>
    Escalated,
    /// <summary>A step of the ticket's flow (task handed over, approval asked or decided, child spawned, moved to a new version).</summary>
    Flow,
    /// <summary>The SLA clocks changed in a way people must see (policy chosen, recomputed after a calendar change).</summary>
    Sla,
    /// <summary>The customer's rating: After = the stars (1–5), Comment = what they wrote.</summary>
    Rated,
}
